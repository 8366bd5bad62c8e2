package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import dev.schemaguard.testing.RealTime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting within the budget against a server that checks passwords (scram-sha-256): what may pass
 * is retried until the reserve, a refused login is reported at once with the user and host.
 */
class PostgresConnectingTest {
    @TempDir
    Path dir;
    PostgresServer server;
    String database;
    String role;
    String password;
    Project project;

    @BeforeEach
    void setUp() throws Exception {
        server = PostgresServer.defaultMajor();
        role = "app_" + UUID.randomUUID().toString().substring(0, 8);
        password = "Pw-" + UUID.randomUUID();
        database = server.newDatabase().name();
        server.admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'", "ALTER DATABASE " + database + " OWNER TO " + role,
                "GRANT ALL ON SCHEMA public TO " + role);
        project = new Project(dir, server.url(database) + "?user=" + role).deadline(Duration.ofSeconds(30));
        project.migration("001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);").allow("001_users.sql").require("001_users.sql");
    }

    /** A lock holder or a DBA reads it in pg_stat_activity; it comes with the login, not a SET after it. */
    @Test
    void theGuardsConnection_isNamedSchemaGuardOnTheServer() throws Exception {
        dev.schemaguard.ConnectionSettings settings = new dev.schemaguard.ConnectionSettings(role, password, null, null);

        try (Connection connection = new PostgresDialect().database(server.url(database))
                .open(dev.schemaguard.spi.Dialect.Access.READ_WRITE, settings, Duration.ofSeconds(20));
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
            assertTrue(rs.next());
            assertEquals("schema-guard", rs.getString(1));
        }
    }

    /**
     * The judge reads the catalog with the same statements before and after every migration; pgjdbc,
     * left to its default, forgets them after each migration's CREATE, ALTER or DROP, and the server
     * parses and plans them again (a third of a first boot of 1,000 migrations).
     */
    @Test
    void aMigrationsDdl_leavesTheGuardsServerPreparedStatementsPrepared() throws Exception {
        dev.schemaguard.ConnectionSettings settings = new dev.schemaguard.ConnectionSettings(role, password, null, null);

        try (Connection connection = new PostgresDialect().database(server.url(database))
                .open(dev.schemaguard.spi.Dialect.Access.READ_WRITE, settings, Duration.ofSeconds(20));
             java.sql.PreparedStatement reading = connection.prepareStatement("SELECT count(*) FROM pg_class WHERE oid > ?::oid");
             java.sql.Statement statement = connection.createStatement()) {
            for (int i = 0; i < 6; i++) { // past pgjdbc's prepareThreshold (5): prepared on the server from then on
                reading.setLong(1, i);
                reading.executeQuery().close();
            }
            String before = preparedOnTheServer(statement);
            assertFalse(before.isEmpty(), "the reading is prepared on the server before the DDL");

            statement.execute("CREATE TABLE ddl_probe (id INTEGER)");
            statement.execute("ALTER TABLE ddl_probe ADD COLUMN v TEXT");
            for (int i = 0; i < 2; i++) {
                reading.setLong(1, i);
                reading.executeQuery().close();
            }

            assertEquals(before, preparedOnTheServer(statement), "the same server-side statement, not parsed again under a new name");
        }
    }

    private static String preparedOnTheServer(java.sql.Statement statement) throws SQLException {
        try (java.sql.ResultSet rs = statement.executeQuery("SELECT coalesce(string_agg(name, ',' ORDER BY name), '')"
                + " FROM pg_prepared_statements WHERE statement LIKE '%FROM pg_class WHERE oid >%'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * A boot logs in as it starts, while it reads its manifest and files. One that stops on its own
     * files before it needs the database (a bad manifest, a bad migration) reports that, and the session
     * it opened ahead is closed: twenty such boots leave no session of the role on the server.
     */
    @Test
    void bootsStoppedByTheirFiles_reportThem_andLeaveNoSessionOpen() throws Exception {
        dev.schemaguard.GuardConfig badManifest = project.manifestText("001_users.sql extra words\n").config().withCredentials(role, password);
        for (int i = 0; i < 10; i++) {
            BootReport report = dev.schemaguard.SchemaGuard.of(badManifest).boot();
            assertEquals(Verdict.FAIL, report.verdict(), report.line());
            assertTrue(report.message().contains("boot-manifest"), report.message());
        }
        project.manifestText("001_users.sql\n");
        java.nio.file.Files.createSymbolicLink(project.migrations().resolve("002_bad.sql"),
                java.nio.file.Files.writeString(dir.resolve("outside.sql"), "CREATE TABLE outside (id INTEGER);"));
        for (int i = 0; i < 10; i++) {
            BootReport report = dev.schemaguard.SchemaGuard.of(project.config().withCredentials(role, password)).boot();
            assertEquals(Code.CONFIG_INVALID, report.code(), report.line());
            assertTrue(report.message().contains("002_bad.sql"), report.message());
        }

        // A login still under way when the boot ended is closed as it completes: wait for the last ones.
        long sessions = -1;
        for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() - end < 0; RealTime.passMillis(100)) {
            sessions = sessionsOf(role);
            if (sessions == 0) {
                break;
            }
        }
        assertEquals(0, sessions, "sessions of " + role + " left open by boots that ended before they used them");
    }

    private long sessionsOf(String user) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server.url("postgres"), PostgresServer.SUPERUSER, null);
             java.sql.PreparedStatement ask = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
            ask.setString(1, user);
            try (java.sql.ResultSet rs = ask.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aWrongPassword_isAuthenticationFailedWithinSeconds_namingUserAndHost_notTheDatabaseUnreachable() {
        String wrong = "Wrong-" + UUID.randomUUID();

        BootReport report = dev.schemaguard.SchemaGuard.of(project.config().withCredentials(role, wrong)).boot();

        assertEquals(Code.AUTHENTICATION_FAILED, report.code(), report.line());
        assertTrue(report.elapsedMs() < 5_000, "not retried until the 30 s deadline: " + report.elapsedMs());
        Map<String, String> line = GuardLines.parse(report.line());
        assertTrue(line.get("reason").contains("the server localhost:" + server.port() + " refused the login of user \"" + role + "\""),
                line.get("reason"));
        assertTrue(report.message().contains("Fix the user or the password"), report.message());
        assertFalse(report.line().contains(wrong) || report.message().contains(wrong), "the password is never printed");
    }

    @Test
    void noPasswordAtAll_isAuthenticationFailedAtOnce_notRetriedUntilTheDeadline() {
        // Regression: pgjdbc's "the server requested SCRAM-based authentication, but no password was provided"
        // (SQLSTATE 08004) was taken for an unreachable server and retried for the whole budget.
        BootReport report = dev.schemaguard.SchemaGuard.of(project.config()).boot();

        assertEquals(Code.AUTHENTICATION_FAILED, report.code(), report.line());
        assertTrue(report.elapsedMs() < 5_000, "not retried until the 30 s deadline: " + report.elapsedMs());
        assertTrue(GuardLines.parse(report.line()).get("reason").contains("no password was provided"), report.line());
    }

    @Test
    void tooManyConnectionsForTheRole_isRetriedUntilASlotFrees_thenPasses() throws Exception {
        server.admin("ALTER ROLE " + role + " CONNECTION LIMIT 1");
        Connection slot = DriverManager.getConnection(server.url(database), role, password);
        CompletableFuture<BootReport> boot = CompletableFuture.supplyAsync(
                () -> dev.schemaguard.SchemaGuard.of(project.config().withCredentials(role, password)).boot());
        RealTime.passMillis(1500);
        assertFalse(boot.isDone(), "the boot waits for a free connection slot (SQLSTATE 53300)");
        slot.close();

        BootReport report = boot.get();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals(1, report.applied());
    }

    @Test
    void aPoolWhoseRequestTimesOut_isAskedAgain_untilItHandsOutAConnection() {
        FlakyPool pool = new FlakyPool(3, server.url(database), role, password);

        BootReport report = dev.schemaguard.SchemaGuard.of(project.config().toBuilder().dataSource(pool).build()).boot();

        assertEquals(Verdict.PASS, report.verdict(), report.line());
        assertEquals(4, pool.requests.get(), "three timed-out requests, then a connection");
    }

    /** A pool that is busy for its first requests, the way HikariCP answers when no connection is free in time. */
    private static final class FlakyPool implements DataSource {
        final AtomicInteger requests = new AtomicInteger();
        private final int timeouts;
        private final String url;
        private final String user;
        private final String password;

        FlakyPool(int timeouts, String url, String user, String password) {
            this.timeouts = timeouts;
            this.url = url;
            this.user = user;
            this.password = password;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (requests.incrementAndGet() <= timeouts) {
                throw new SQLTransientConnectionException("pool - Connection is not available, request timed out after 517ms");
            }
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
