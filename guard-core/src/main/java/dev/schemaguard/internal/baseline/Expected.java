package dev.schemaguard.internal.baseline;

import dev.schemaguard.internal.sql.QualifiedName;
import java.util.List;

/** One object a migration creates, as a baseline checks it in the catalog; or why a statement cannot be checked. */
sealed interface Expected {

    /** A table and the columns its CREATE TABLE declares. */
    record Table(QualifiedName name, List<String> columns) implements Expected {
    }

    /** A column an ALTER TABLE ... ADD COLUMN adds. */
    record Column(QualifiedName table, String column) implements Expected {
    }

    /**
     * An index. {@code name} is null for PostgreSQL's unnamed {@code CREATE INDEX ON t (...)}; a null
     * column is an expression, which is not compared.
     */
    record Index(QualifiedName name, QualifiedName table, List<String> columns, boolean unique) implements Expected {
    }

    /** A view (or materialized view). */
    record View(QualifiedName name) implements Expected {
    }

    /** A schema. */
    record Schema(String name) implements Expected {
    }

    /** A statement whose effect the catalog cannot show (an INSERT, a constraint, a function...). */
    record Unverifiable(int line, String statement) implements Expected {
    }
}
