package dev.schemaguard.mariadb.internal.judge;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The scratch database a migration is rehearsed in: {@code schema_guard_judge_<16 hex digits>}, made
 * with the real database's character set and collation, and dropped when the rehearsal ends. While it
 * exists its owner holds a named session lock of the same name, taken before the database is created and
 * released after it is dropped; a scratch database whose lock is free therefore belongs to a boot that
 * died (killed, its connection lost) and is dropped by the next rehearsal on the server, whoever runs it.
 */
final class ScratchDatabase implements AutoCloseable {
    static final String PREFIX = "schema_guard_judge_";
    private static final Pattern NAME = Pattern.compile(PREFIX + "[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection connection;
    private final String name;

    private ScratchDatabase(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    static boolean isScratch(String database) {
        return NAME.matcher(database).matches();
    }

    String name() {
        return name;
    }

    /**
     * Creates one like {@code real} (character set and collation). Throws when the user may not; the
     * caller says so and how to allow it.
     */
    static ScratchDatabase create(Connection connection, String real) throws SQLException {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String name = PREFIX + HexFormat.of().formatHex(bytes);
        if (!lock(connection, "SELECT GET_LOCK(?, 0)", name)) {
            throw new SQLException("the lock " + name + " is taken"); // 2^64 names: another boot picked the same one
        }
        String charset = "utf8mb4";
        String collation = "utf8mb4_general_ci";
        try (PreparedStatement ps = connection.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, real);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    charset = rs.getString(1);
                    collation = rs.getString(2);
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE DATABASE " + quote(name) + " CHARACTER SET " + quote(charset) + " COLLATE " + quote(collation));
        } catch (SQLException e) {
            lock(connection, "SELECT RELEASE_LOCK(?)", name);
            throw e;
        }
        return new ScratchDatabase(connection, name);
    }

    /** Drops the scratch databases of boots that died: those whose lock no session holds. Best effort. */
    static void dropAbandoned(Connection connection) {
        List<String> abandoned = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'schema\\_guard\\_judge\\_%'")) {
            while (rs.next()) {
                if (isScratch(rs.getString(1))) {
                    abandoned.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            return;
        }
        for (String database : abandoned) {
            try {
                if (lock(connection, "SELECT IS_FREE_LOCK(?)", database)) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("DROP DATABASE IF EXISTS " + quote(database));
                    }
                }
            } catch (SQLException e) {
                // another user's, or in use after all: it is not this rehearsal's to remove
            }
        }
    }

    /** Drops it and releases its lock; the lock goes last, so no one takes a scratch database in use for abandoned. */
    @Override
    public void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quote(name));
        } finally {
            lock(connection, "SELECT RELEASE_LOCK(?)", name);
        }
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static boolean lock(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }
}
