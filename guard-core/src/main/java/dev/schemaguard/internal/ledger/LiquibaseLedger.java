package dev.schemaguard.internal.ledger;

import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.liquibase.LiquibaseSql;
import dev.schemaguard.internal.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Liquibase's {@code DATABASECHANGELOG}, the guard's own ledger: a migration is matched by ID (its
 * name), and rows are valid Liquibase rows (checksum, description, Liquibase's own DDL) written by
 * {@link LedgerTable}.
 */
public final class LiquibaseLedger implements LedgerKind {
    public static final String NAME = "liquibase";
    private final Supplier<LiquibaseSql> liquibase;

    /** @param liquibase  Liquibase for the target, started only when a row is to be written */
    public LiquibaseLedger(Supplier<LiquibaseSql> liquibase) {
        this.liquibase = liquibase;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String table() {
        return LedgerTable.NAME;
    }

    @Override
    public List<Migration> migrations(Changelog changelog) {
        return changelog.migrations();
    }

    @Override
    public boolean recordsAs(Migration migration, String key) {
        return migration.name().equals(key);
    }

    @Override
    public Ledger read(Connection connection, Migrations migrations) throws SQLException {
        return LedgerTable.read(connection);
    }

    @Override
    public boolean contains(Connection connection, Migration migration) throws SQLException {
        return LedgerTable.contains(connection, migration.name());
    }

    @Override
    public Entry entry(Migration migration, List<SqlStatement> statements, String deploymentId) {
        LiquibaseSql sql = liquibase.get();
        return new Row(migration, sql.checksum(migration, statements), sql.description(migration, statements), deploymentId);
    }

    @Override
    public void create(Connection connection) throws SQLException {
        LedgerTable.create(connection, liquibase.get().ledgerTableDdl());
    }

    @Override
    public void record(Connection connection, Entry entry, long executionMillis) throws SQLException {
        Row row = (Row) entry;
        LedgerTable.insert(connection, row.migration(), row.md5sum(), row.description(), row.deploymentId());
    }

    private record Row(Migration migration, String md5sum, String description, String deploymentId) implements Entry {
    }
}
