package dev.schemaguard.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Migrations and manifest shipped inside the service's jar: {@code classpath:} locations are read
 * from a real jar file on a class loader, never unpacked, in the builder and in schema-guard.yaml.
 */
class ClasspathChangelogTest {
    @TempDir
    Path dir;
    Path jar;
    SqliteTestDatabase db;

    @BeforeEach
    void setUp() throws IOException {
        db = new SqliteTestDatabase(dir.resolve("app.db"));
        jar = writeJar(dir.resolve("service.jar"), Map.of(
                "db/migrations/001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n",
                "db/migrations/002_users_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n",
                "db/migrations/boot-manifest.txt", "001_users.sql\n002_users_email.sql\n",
                "db/changelog/changelog.yaml", """
                        databaseChangeLog:
                          - changeSet:
                              id: 001_orders
                              author: shop
                              changes:
                                - sql:
                                    sql: CREATE TABLE orders (id INTEGER PRIMARY KEY)
                        """,
                "db/changelog/boot-manifest.txt", "001_orders\n"));
    }

    @Test
    void aFolderOfSqlFilesAndItsManifestInsideAJar_bootTwice() throws Exception {
        BootReport first = withJarOnClassPath(() -> SchemaGuard.of(GuardConfig.builder().database(db.url())
                .changelog("classpath:db/migrations").manifest("classpath:/db/migrations/boot-manifest.txt")
                .freshDatabase(FreshDatabase.BOOTSTRAP).build()).boot());
        BootReport second = withJarOnClassPath(() -> SchemaGuard.of(GuardConfig.builder().database(db.url())
                .changelog("classpath:db/migrations").manifest("classpath:db/migrations/boot-manifest.txt").build()).boot());

        assertEquals(Verdict.PASS, first.verdict(), first.line());
        assertEquals(2, first.applied());
        assertEquals(0, second.applied(), second.line());
        assertEquals(List.of("001_users.sql", "002_users_email.sql"), db.ledger());
    }

    @Test
    void aLiquibaseChangelogInsideAJar_boots() throws Exception {
        BootReport boot = withJarOnClassPath(() -> SchemaGuard.of(GuardConfig.builder().database(db.url())
                .changelog("classpath:db/changelog/changelog.yaml").manifest("classpath:db/changelog/boot-manifest.txt")
                .freshDatabase(FreshDatabase.BOOTSTRAP).build()).boot());

        assertEquals(Verdict.PASS, boot.verdict(), boot.line());
        assertEquals(List.of("001_orders"), db.ledger());
    }

    @Test
    void aConfigFileWithClasspathLocationsAndADataSource_needsNoDatabaseKey() throws Exception {
        Path yaml = dir.resolve("schema-guard.yaml");
        Files.writeString(yaml, """
                changelog: classpath:db/migrations
                manifest: classpath:db/migrations/boot-manifest.txt
                fresh_database: bootstrap
                required: [002_users_email.sql]
                """);
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(db.url());

        BootReport boot = withJarOnClassPath(() -> SchemaGuard.fromConfigFile(yaml, dataSource).boot());

        assertEquals(Verdict.PASS, boot.verdict(), boot.line());
        assertTrue(boot.line().contains("db=" + db.url()), boot.line());
        assertEquals(List.of("001_users.sql", "002_users_email.sql"), db.ledger());
    }

    @Test
    void aClasspathResourceThatIsNotThere_isAConfigErrorNamingItAndTheFix() throws Exception {
        Path yaml = dir.resolve("schema-guard.yaml");
        Files.writeString(yaml, "database: " + db.url() + "\nchangelog: classpath:db/migratoins\n");

        GuardConfigException error = assertThrows(GuardConfigException.class,
                () -> withJarOnClassPath(() -> SchemaGuard.fromConfigFile(yaml)));

        assertTrue(error.getMessage().startsWith(yaml + ":2: changelog: classpath:db/migratoins is not on the class path"),
                error.getMessage());
        assertTrue(error.getMessage().contains("src/main/resources/db/migratoins"), error.getMessage());
    }

    private <T> T withJarOnClassPath(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A jar as Maven packs one: folder entries first, then the files. */
    private static Path writeJar(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            java.util.Set<String> folders = new java.util.TreeSet<>();
            for (String name : entries.keySet()) {
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    folders.add(name.substring(0, slash + 1));
                }
            }
            for (String folder : folders) {
                jar.putNextEntry(new JarEntry(folder));
                jar.closeEntry();
            }
            for (Map.Entry<String, String> entry : new java.util.TreeMap<>(entries).entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }
}
