package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemaguard.spi.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The narrow question a no-op boot asks ({@code objects(connection, names)}) answers exactly what the full
 * listing would, in Java's case folding, with SQLite's own objects left out, for names SQLite and Java
 * fold differently and names that are patterns to LIKE and GLOB.
 */
class SqliteNamedObjectsTest {
    private final Dialect.Catalog catalog = new SqliteDialect().catalog();
    @TempDir
    Path dir;
    private String url;

    @BeforeEach
    void setUp() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("named.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : new String[] {"CREATE TABLE databasechangelog (id TEXT)",
                "CREATE TABLE \"Flyway_Schema_History\" (installed_rank INTEGER)",
                "CREATE TABLE \"\u212Aafka\" (id INTEGER)", // KELVIN SIGN: Java lower-cases it to k, SQLite does not
                "CREATE TABLE \"Übersicht\" (id INTEGER)",
                "CREATE TABLE \"a%b\" (id INTEGER)", "CREATE TABLE \"a_b\" (id INTEGER)", "CREATE TABLE \"x*y\" (id INTEGER)",
                "CREATE TABLE \"tab\tname\" (id INTEGER)",
                "CREATE VIEW SCHEMA_MIGRATIONS AS SELECT 1 AS version",
                "CREATE TABLE d (x INTEGER)", "CREATE INDEX d_x ON d (x)", "INSERT INTO d VALUES (1)", "ANALYZE"}) {
                s.execute(sql);
            }
        }
    }

    @Test
    void theNamesAskedAbout_areThoseTheFullListingHolds() throws Exception {
        Set<String> asked = Set.of("databasechangelog", "flyway_schema_history", "kafka", "übersicht", "a%b", "a_b", "axb",
                "x*y", "xzy", "tab\tname", "schema_migrations", "d", "d_x", "sqlite_stat1", "k", "missing_table",
                "schema_guard_progress", "DATABASECHANGELOG");
        try (Connection c = DriverManager.getConnection(url)) {
            Set<String> narrow = catalog.objects(c, asked);

            assertEquals(Set.of("databasechangelog", "flyway_schema_history", "kafka", "übersicht", "a%b", "a_b", "x*y",
                    "tab\tname", "schema_migrations", "d", "d_x"), narrow);
            assertEquals(catalog.objects(c).stream().filter(asked::contains).collect(Collectors.toSet()), narrow);
            assertEquals(Set.of(), catalog.objects(c, Set.of()));
        }
    }
}
