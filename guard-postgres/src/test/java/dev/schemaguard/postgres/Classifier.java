package dev.schemaguard.postgres;

import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.MigrationClassifier;
import dev.schemaguard.internal.sql.SchemaView;
import dev.schemaguard.internal.sql.SqlDialect;
import dev.schemaguard.internal.sql.SqlStatement;
import java.util.List;

/**
 * What the classifier on the class path knows of PostgreSQL. Tests of end-to-end behaviour that
 * needs a PostgreSQL rule (CONCURRENTLY outside a transaction, CREATE SCHEMA additive) assume it,
 * so they are reported as skipped, with the reason, until the real classifier replaces the interim one.
 */
final class Classifier {
    private Classifier() {
    }

    static Classification classify(String sql) {
        return MigrationClassifier.classify(List.of(new SqlStatement(sql, 1)), SqlDialect.POSTGRES, SchemaView.empty());
    }

    static boolean runsConcurrentIndexesOutsideATransaction() {
        Classification c = classify("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (c)");
        return c.additive() && c.outsideTransaction();
    }

    static boolean createsSchemas() {
        Classification c = classify("CREATE SCHEMA IF NOT EXISTS auth");
        return c.additive() && c.createdObjects().stream().anyMatch(n -> n.name().equals("auth"));
    }
}
