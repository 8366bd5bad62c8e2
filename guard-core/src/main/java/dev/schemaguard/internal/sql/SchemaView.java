package dev.schemaguard.internal.sql;

public interface SchemaView {
    boolean exists(String schema, String name);

    static SchemaView empty() {
        return (schema, name) -> false;
    }
}
