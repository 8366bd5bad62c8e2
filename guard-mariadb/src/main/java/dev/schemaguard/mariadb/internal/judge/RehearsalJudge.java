package dev.schemaguard.mariadb.internal.judge;

import dev.schemaguard.spi.Dialect.AdvanceJudge;
import dev.schemaguard.spi.Dialect.EngineJudge;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * MariaDB's second judge. Each DDL statement commits on its own, so the engine's evidence cannot be had
 * between a migration's statements and its commit; it is had before, on a rehearsal: a scratch database
 * ({@link ScratchDatabase}) receives a copy of what the migration names ({@link ShadowCopy}), the migration
 * runs there in a session of its own whose default database is the scratch one ({@link RehearsalSession}),
 * and what {@code information_schema} says about the copy before and after ({@link ScratchEvidence},
 * {@link EvidenceDiff}), which statements the server ran ({@link Census}), and the session's and server's
 * settings ({@link SessionEvidence}) decide. The real tables are not touched, nor the boot's session; the
 * rehearsal's session is closed and the scratch database dropped whatever happens.
 *
 * <p>It cannot judge a migration that reaches beyond the default database ({@link Confinement}), nor
 * without the right to create its scratch database; it says so and why, and the boot's
 * {@code engine_judge} setting decides. On MySQL it does not judge (it reads MariaDB's information_schema).
 */
public final class RehearsalJudge implements AdvanceJudge {
    private static final String GRANT = "GRANT ALL PRIVILEGES ON `schema\\_guard\\_judge\\_%`.* TO ";

    @Override
    public Verdict judge(Connection connection, EngineJudge.GuardTables tables, EngineJudge.Applied applied) throws SQLException {
        if (!connection.getMetaData().getDatabaseProductVersion().toLowerCase(java.util.Locale.ROOT).contains("mariadb")) {
            return new Verdict.NotJudged("the rehearsal reads MariaDB's information_schema, and this server is MySQL");
        }
        String real = scalar(connection, "SELECT DATABASE()");
        Optional<String> unconfined = Confinement.why(applied.statements(), databases(connection), real);
        if (unconfined.isPresent()) {
            return new Verdict.NotJudged(unconfined.get());
        }
        ShadowCopy copy;
        try {
            copy = ShadowCopy.plan(connection, real, applied.statements());
        } catch (ShadowCopy.Uncopyable e) {
            return new Verdict.NotJudged(e.getMessage());
        }
        ScratchDatabase.dropAbandoned(connection);
        ScratchDatabase scratch;
        try {
            scratch = ScratchDatabase.create(connection, real);
        } catch (SQLException e) {
            return new Verdict.NotJudged("it may not create its scratch database (" + e.getMessage() + "); to let it: " + GRANT
                    + currentUser(connection));
        }
        try (scratch) {
            Connection session;
            try {
                session = RehearsalSession.open(connection, scratch.name());
            } catch (SQLException | RuntimeException e) {
                return new Verdict.NotJudged("it could not open a session of its own on the scratch database (" + e.getMessage() + ")");
            }
            try (session) {
                return rehearse(session, scratch.name(), copy, tables.all(), applied.statements());
            }
        }
    }

    /** Copies, reads the evidence, runs the migration, reads it again: all in the rehearsal's own session. */
    private static Verdict rehearse(Connection session, String scratch, ShadowCopy copy, Set<String> guardTables,
                                    List<String> statements) throws SQLException {
        SessionEvidence settingsBefore;
        Map<String, Map<String, String>> before;
        Census census;
        try {
            copy.create(session);
            SessionEvidence.holdLock(session, scratch);
            settingsBefore = SessionEvidence.read(session, scratch);
            before = ScratchEvidence.take(session, scratch, copy.tables());
            census = Census.read(session);
        } catch (ShadowCopy.Uncopyable e) {
            return new Verdict.NotJudged(e.getMessage());
        } catch (SQLException e) {
            return new Verdict.NotJudged("it could not read the engine's evidence before the rehearsal (" + e.getMessage() + ")");
        }
        for (int i = 0; i < statements.size(); i++) {
            try (Statement s = session.createStatement()) {
                s.execute(statements.get(i));
            } catch (SQLException e) {
                // a kind of statement that is not additive is refused as such, whether or not it could run on the copy
                List<String> ran = Census.read(session).notAdditiveSince(census);
                return ran.isEmpty() ? new Verdict.Failed(i, e) : new Verdict.NotAdditive(ran);
            }
        }
        List<String> changes = new ArrayList<>();
        try {
            changes.addAll(Census.read(session).notAdditiveSince(census));
            try (Statement s = session.createStatement()) {
                s.execute("UNLOCK TABLES"); // a LOCK TABLES of the migration's (refused) would keep the evidence from being read
            }
            Map<String, Map<String, String>> after = ScratchEvidence.take(session, scratch, copy.tables());
            changes.addAll(new EvidenceDiff(before, after, copy.tablesWithRows()).notAdditive(guardTables));
            changes.addAll(SessionEvidence.read(session, scratch).changesSince(settingsBefore));
        } catch (SQLException e) {
            changes.add("the engine's evidence could not be read after the rehearsal (" + e.getMessage() + ")");
        }
        return changes.isEmpty() ? new Verdict.Additive() : new Verdict.NotAdditive(changes);
    }

    private static Set<String> databases(Connection connection) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW DATABASES")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** {@code 'app'@'%'}, as a GRANT names the account. */
    private static String currentUser(Connection connection) {
        try {
            String user = scalar(connection, "SELECT CURRENT_USER()");
            int at = user.lastIndexOf('@');
            return at < 0 ? "'" + user + "'" : "'" + user.substring(0, at) + "'@'" + user.substring(at + 1) + "'";
        } catch (SQLException e) {
            return "<the service's user>";
        }
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
