package dev.schemaguard.internal.sql;

public enum SqlDialect { SQLITE, POSTGRES }
