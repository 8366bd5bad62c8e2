package dev.schemaguard.sqlite.internal.integrity;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Builds and damages real SQLite files for the tests. */
final class TestDatabases {

    private TestDatabases() {
    }

    static Connection open(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    static void exec(Path db, String... statements) throws SQLException {
        try (Connection c = open(db); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static long queryLong(Path db, String sql) throws SQLException {
        try (Connection c = open(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A small database in rollback-journal (DELETE) mode: a table with two indexes. */
    static Path createSample(Path db, int rows) throws SQLException {
        exec(db,
                "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER)",
                "CREATE INDEX items_name ON items(name)",
                "CREATE INDEX items_qty ON items(qty)",
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " + rows + ")"
                        + " INSERT INTO items(name, qty) SELECT 'item-' || x, x % 97 FROM n");
        return db;
    }

    /** About {@code megabytes} of real pages: rows of random text with two indexes over them. */
    static Path createLarge(Path db, int megabytes) throws SQLException {
        long rows = megabytes * 1024L * 1024L / 400; // ~400 bytes per row across table and indexes
        exec(db,
                "PRAGMA journal_mode=OFF",
                "PRAGMA synchronous=OFF",
                "CREATE TABLE events(id INTEGER PRIMARY KEY, kind TEXT, body TEXT, at INTEGER)",
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " + rows + ")"
                        + " INSERT INTO events(kind, body, at) SELECT hex(randomblob(8)), hex(randomblob(100)),"
                        + " abs(random()) FROM n",
                "CREATE INDEX events_kind ON events(kind)",
                "CREATE INDEX events_at ON events(at, kind)");
        return db;
    }

    /**
     * Many small rows under four indexes: the shape where integrity_check is slowest per byte,
     * because it looks up every row in every index.
     */
    static Path createIndexHeavy(Path db, int rows) throws SQLException {
        exec(db,
                "PRAGMA journal_mode=OFF",
                "PRAGMA synchronous=OFF",
                "CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c TEXT, d INTEGER)",
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " + rows + ")"
                        + " INSERT INTO t(a, b, c, d) SELECT hex(randomblob(6)), random(), hex(randomblob(4)),"
                        + " random() FROM n",
                "CREATE INDEX t_a ON t(a)",
                "CREATE INDEX t_b ON t(b)",
                "CREATE INDEX t_c ON t(c, d)",
                "CREATE INDEX t_d ON t(d, a)");
        return db;
    }

    static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(bytes);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    /** The message SQLite gives when asked to read the database, or "ok". */
    static String whatSqliteSays(Path db) {
        try (Connection c = open(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
