package dev.schemaguard.internal.sql;

public record SqlStatement(String text, int line) {}
