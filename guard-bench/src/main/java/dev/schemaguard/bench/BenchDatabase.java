package dev.schemaguard.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where a tool's database lives: a SQLite file in the benchmark's folder, or a database of its own on
 * one embedded PostgreSQL server (started by the benchmark; superuser {@code postgres} in the URL, local trust).
 */
abstract class BenchDatabase implements AutoCloseable {

    /** {@code sqlite} or {@code postgresql}, as the tables name it. */
    abstract String kind();

    /** The URL of the database named {@code name}, created empty if it does not exist yet. */
    abstract String url(String name) throws SQLException;

    /** A new empty database named {@code name}, replacing any earlier one. */
    abstract String fresh(String name) throws SQLException, IOException;

    /** The JDBC driver's jar on this class path: the floor runs with it alone. */
    abstract String driverJarMarker();

    @Override
    public void close() throws IOException {
    }

    static BenchDatabase of(String kind, Path dir) throws IOException {
        return switch (kind) {
            case "sqlite" -> new Sqlite(dir.resolve("sqlite"));
            case "postgresql" -> new Postgres(EmbeddedPostgres.builder().start());
            default -> throw new IllegalArgumentException("bench.databases: unknown '" + kind + "' (sqlite, postgresql)");
        };
    }

    private static final class Sqlite extends BenchDatabase {
        private final Path dir;

        Sqlite(Path dir) throws IOException {
            this.dir = Files.createDirectories(dir);
        }

        @Override
        String kind() {
            return "sqlite";
        }

        @Override
        String url(String name) {
            return "jdbc:sqlite:" + dir.resolve(name + ".db").toAbsolutePath();
        }

        @Override
        String fresh(String name) throws IOException {
            for (String suffix : new String[] {".db", ".db-wal", ".db-shm", ".db-journal"}) {
                Files.deleteIfExists(dir.resolve(name + suffix));
            }
            try (var stamps = Files.list(dir)) {
                for (Path p : stamps.filter(p -> p.getFileName().toString().startsWith(name + ".db")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            return url(name);
        }

        @Override
        String driverJarMarker() {
            return "sqlite-jdbc";
        }
    }

    private static final class Postgres extends BenchDatabase {
        private final EmbeddedPostgres server;

        Postgres(EmbeddedPostgres server) {
            this.server = server;
        }

        @Override
        String kind() {
            return "postgresql";
        }

        @Override
        String url(String name) throws SQLException {
            try (Connection c = admin(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + name);
                }
            }
            // The user in the URL: every tool (and the floor) passes it to the driver as it is.
            return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name + "?user=postgres";
        }

        @Override
        String fresh(String name) throws SQLException {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
            return url(name);
        }

        private Connection admin() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.getPort() + "/postgres", "postgres", null);
        }

        @Override
        String driverJarMarker() {
            return "postgresql-";
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
