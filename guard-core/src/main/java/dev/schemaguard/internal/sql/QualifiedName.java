package dev.schemaguard.internal.sql;

public record QualifiedName(String schema, String name) {}
