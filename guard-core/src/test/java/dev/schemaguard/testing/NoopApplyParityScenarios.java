package dev.schemaguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.MigrationOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The no-op path (everything applied, nothing to do) and the apply path (the same state plus one
 * allowlisted additive migration) reach the same verdict for the same state: the fast, common boot
 * checks exactly what a boot that applies checks. Each scenario runs on two real databases brought
 * to the same state; their reports are compared, and the migrations both know get the same outcome.
 */
public abstract class NoopApplyParityScenarios {
    private static final List<String> APPLIED = List.of("001_users.sql", "002_orders.sql", "003_users_email.sql");
    private static final String EXTRA = "004_audit.sql";

    @TempDir
    protected Path dir;

    /** A fresh, real database for one side of a scenario. */
    protected abstract TestDatabase database(Path tempDir) throws Exception;

    /** What happens to a project whose three migrations are applied, before the compared boots. */
    enum Scenario {
        UNCHANGED(Code.OK, p -> { }),
        APPLIED_FILE_EDITED(Code.CHECKSUM_DRIFT, p -> p.migration("002_orders.sql",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total INTEGER);")),
        /** Same size, same modification time: only the content tells. */
        APPLIED_FILE_EDITED_SAME_SIZE_AND_TIME(Code.CHECKSUM_DRIFT, p -> sameSizeAndTimeEdit(p.migrations().resolve("002_orders.sql"))),
        MANIFEST_NAMES_AN_UNKNOWN_MIGRATION(Code.MANIFEST_UNKNOWN_MIGRATION, p -> p.allow("009_typo.sql")),
        REQUIRED_MIGRATION_NOT_IN_CHANGELOG(Code.REQUIRED_MIGRATIONS_MISSING, p -> p.require("010_required_later.sql")),
        APPLIED_FILE_REMOVED_BUT_ALLOWLISTED(Code.MANIFEST_UNKNOWN_MIGRATION, p -> delete(p.migrations().resolve("003_users_email.sql"))),
        /** Its ledger row stays, as a row the changelog does not know. */
        APPLIED_FILE_REMOVED_WITH_ITS_ENTRY(Code.OK, p -> removeWithEntry(p, "003_users_email.sql")),
        APPLIED_FILE_REMOVED_BUT_REQUIRED(Code.REQUIRED_MIGRATIONS_MISSING, p -> {
            removeWithEntry(p, "003_users_email.sql");
            p.require("003_users_email.sql");
        }),
        /** The no-op boot must still see a second known ledger (it asks the catalog only about a few names). */
        FLYWAY_LEDGER_NEXT_TO_DATABASECHANGELOG(Code.CONFIG_INVALID, (p, db) -> db.execute(
                "CREATE TABLE flyway_schema_history (installed_rank INTEGER PRIMARY KEY, version VARCHAR(50))")),
        /** Named in another case (quoted): the catalog lists it lower-cased, the narrow question must too. */
        FLYWAY_LEDGER_IN_CAPITALS_NEXT_TO_DATABASECHANGELOG(Code.CONFIG_INVALID, (p, db) -> db.execute(
                "CREATE TABLE " + db.quoted("Flyway_Schema_History") + " (installed_rank INTEGER PRIMARY KEY, version VARCHAR(50))")),
        /** An expected schema the database does not hold: looked for among every object's name. */
        EXPECTED_SCHEMA_MISSING(Code.SCHEMA_MISSING, p -> p.expectSchemas("billing"));

        final Code code;
        final Change change;

        Scenario(Code code, java.util.function.Consumer<Project> change) {
            this(code, (p, db) -> change.accept(p));
        }

        Scenario(Code code, Change change) {
            this.code = code;
            this.change = change;
        }
    }

    /** A change to a project and its database. */
    @FunctionalInterface
    interface Change {
        void apply(Project project, TestDatabase database) throws Exception;
    }

    /** A project and the database it boots against. */
    private record Applied(Project project, TestDatabase database) {
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void theNoOpBootAndTheApplyingBootReachTheSameVerdict(Scenario scenario) throws Exception {
        Applied noopSide = applied(dir.resolve("noop"));
        Applied applyingSide = applied(dir.resolve("apply"));
        Project noop = noopSide.project();
        Project applying = applyingSide.project();
        scenario.change.apply(noop, noopSide.database());
        scenario.change.apply(applying, applyingSide.database());
        applying.migration(EXTRA, "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, what TEXT);").allow(EXTRA);

        BootReport quiet = noop.boot();
        BootReport busy = applying.boot();

        assertEquals(scenario.code, quiet.code(), quiet.line());
        assertEquals(quiet.verdict(), busy.verdict(), busy.line());
        assertEquals(quiet.code(), busy.code(), busy.line());
        Map<String, String> quietLine = GuardLines.parse(quiet.line());
        Map<String, String> busyLine = GuardLines.parse(busy.line());
        for (String key : List.of("migration", "missing", "reason")) {
            assertEquals(quietLine.get(key), busyLine.get(key), key + ": " + quiet.line() + " / " + busy.line());
        }
        assertEquals(0, quiet.applied());
        assertEquals(scenario.code == Code.OK ? 1 : 0, busy.applied(), busy.line());
        assertEquals(outcomes(quiet, m -> !m.name().equals(EXTRA)), outcomes(busy, m -> !m.name().equals(EXTRA)));
        assertEquals(quiet.verdict(), noop.plan().verdict(), "plan agrees with boot");
    }

    /** A project whose three migrations a first boot applied. */
    private Applied applied(Path folder) throws Exception {
        Files.createDirectories(folder);
        TestDatabase database = database(folder);
        Project project = new Project(folder.resolve("project"), database.url())
                .migration(APPLIED.get(0), "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);")
                .migration(APPLIED.get(1), "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);")
                .migration(APPLIED.get(2), "ALTER TABLE users ADD COLUMN email TEXT;")
                .allow(APPLIED.toArray(String[]::new))
                .require(APPLIED.get(0));
        BootReport first = project.boot();
        assertEquals(APPLIED.size(), first.applied(), first.line());
        return new Applied(project, database);
    }

    private static List<String> outcomes(BootReport report, Predicate<MigrationOutcome> which) {
        return report.migrations().stream().filter(which).map(m -> m.name() + " " + m.status() + " " + m.reason()).toList();
    }

    /** Rewrites the file with other bytes of the same length and puts its modification time back. */
    static void sameSizeAndTimeEdit(Path file) {
        try {
            FileTime before = Files.getLastModifiedTime(file);
            String text = Files.readString(file);
            String edited = text.replace("user_id", "user_no");
            assertTrue(!edited.equals(text) && edited.length() == text.length());
            Files.writeString(file, edited);
            Files.setLastModifiedTime(file, before);
            assertEquals(before, Files.getLastModifiedTime(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void removeWithEntry(Project project, String name) {
        delete(project.migrations().resolve(name));
        try {
            project.manifestText(Files.readString(project.manifest()).replace(name + "\n", ""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
