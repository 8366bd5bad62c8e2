package dev.schemaguard.internal.liquibase;

import dev.schemaguard.internal.changelog.ChangeSetMigration;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.changelog.SqlFileMigration;
import dev.schemaguard.internal.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import liquibase.ChecksumVersion;
import liquibase.change.Change;
import liquibase.change.CheckSum;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.core.CreateDatabaseChangeLogTableStatement;

/**
 * What Schema Guard asks of Liquibase once something is pending: the SQL a changeset generates on
 * the target database, changeset checksums for the ledger's MD5SUM, and the ledger table's DDL.
 * Only this class and {@link LiquibaseChangelogs} touch Liquibase, and neither runs on a no-op boot
 * of a folder of .sql files.
 */
public final class LiquibaseSql {
    private final Database database;

    private LiquibaseSql(Database database) {
        this.database = database;
    }

    /**
     * For a dialect by its short name ({@code sqlite}, {@code postgresql}), without a connection:
     * SQL is generated offline, so it never depends on Liquibase changing our connection's state.
     */
    public static LiquibaseSql forDialect(String shortName) {
        Database template = DatabaseFactory.getInstance().getDatabase(shortName);
        if (template == null) {
            throw new IllegalArgumentException("Liquibase has no database named " + shortName);
        }
        try {
            return new LiquibaseSql(template.getClass().getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create Liquibase's " + shortName + " database", e);
        }
    }

    /** The statements that Liquibase generates for a changeset, each at the changeset's line. */
    public List<SqlStatement> statements(ChangeSetMigration migration) {
        ChangeSet changeSet = (ChangeSet) migration.changeSet();
        List<SqlStatement> statements = new ArrayList<>();
        for (Change change : changeSet.getChanges()) {
            for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(change, database)) {
                statements.add(new SqlStatement(sql.toSql(), 1));
            }
        }
        return statements;
    }

    /** The ledger's MD5SUM for a migration: Liquibase's checksum of its changeset. */
    public String checksum(Migration migration, List<SqlStatement> statements) {
        return changeSetOf(migration, statements).generateCheckSum(ChecksumVersion.latest()).toString();
    }

    /** The ledger's DESCRIPTION for a migration, as Liquibase words it. */
    public String description(Migration migration, List<SqlStatement> statements) {
        return changeSetOf(migration, statements).getDescription();
    }

    /** Whether a changeset's checksum still equals the one stored in the ledger, in the stored checksum's version. */
    public static boolean checksumMatches(ChangeSetMigration migration, String stored) {
        CheckSum storedSum = CheckSum.parse(stored);
        ChecksumVersion version = ChecksumVersion.enumFromChecksumVersion(storedSum.getVersion());
        return ((ChangeSet) migration.changeSet()).generateCheckSum(version).equals(storedSum);
    }

    /** The DDL of {@code DATABASECHANGELOG} on this dialect, as Liquibase would create it. */
    public List<String> ledgerTableDdl() {
        List<String> ddl = new ArrayList<>();
        for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(new CreateDatabaseChangeLogTableStatement(), database)) {
            ddl.add(sql.toSql());
        }
        return ddl;
    }

    private static ChangeSet changeSetOf(Migration migration, List<SqlStatement> statements) {
        if (migration instanceof ChangeSetMigration changeSetMigration) {
            return (ChangeSet) changeSetMigration.changeSet();
        }
        SqlFileMigration file = (SqlFileMigration) migration;
        DatabaseChangeLog changeLog = new DatabaseChangeLog(file.name());
        ChangeSet changeSet = new ChangeSet(file.name(), file.author(), false, false, file.ledgerFilename(), null, null, changeLog);
        for (SqlStatement statement : statements) {
            RawSQLChange change = new RawSQLChange(statement.text());
            change.setSplitStatements(false);
            change.setStripComments(false);
            changeSet.addChange(change);
        }
        return changeSet;
    }
}
