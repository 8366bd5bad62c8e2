package dev.schemaguard.internal.sql;

public record Refusal(Rule rule, int line, String statement, String detail) {}
