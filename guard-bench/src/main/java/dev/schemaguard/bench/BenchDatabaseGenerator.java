package dev.schemaguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a real SQLite database of about a given size: an orders table filled through batched
 * inserts in one transaction, then two secondary indexes, so integrity_check has real b-trees
 * and real index cross-checks to do. Not sparse: every page is written.
 */
final class BenchDatabaseGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(BenchDatabaseGenerator.class);
    /** The table is ~70% of the final file; the two indexes built afterwards are the rest. */
    private static final double TABLE_SHARE = 0.70;
    private static final int BATCH = 10_000;

    private BenchDatabaseGenerator() {
    }

    /** Returns {@code db}, generating it unless a complete one from an earlier run is there. */
    static Path ensure(Path db, long targetBytes) throws IOException, SQLException {
        Path marker = db.resolveSibling(db.getFileName() + ".complete");
        if (Files.exists(db) && Files.exists(marker)) {
            if (Files.size(db) < targetBytes) {
                LOG.info("{} is {} MB, under its target: adding rows", db, Files.size(db) / 1_000_000);
                topUp(db, targetBytes);
            }
            LOG.info("reusing {} ({} MB)", db, Files.size(db) / 1_000_000);
            return db;
        }
        Files.createDirectories(db.toAbsolutePath().getParent());
        Path partial = db.resolveSibling(db.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        long start = System.nanoTime();
        generate(partial, targetBytes);
        Files.move(partial, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(marker, "generated in " + (System.nanoTime() - start) / 1_000_000 + " ms\n");
        LOG.info("generated {} ({} MB) in {} s", db, Files.size(db) / 1_000_000, (System.nanoTime() - start) / 1e9);
        return db;
    }

    private static void generate(Path db, long targetBytes) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
            s.execute("PRAGMA synchronous=OFF");
            s.execute("PRAGMA cache_size=-262144"); // 256 MB: index builds sort in memory
            s.execute("CREATE TABLE orders(id INTEGER PRIMARY KEY, customer TEXT NOT NULL, sku TEXT NOT NULL,"
                    + " qty INTEGER NOT NULL, price REAL NOT NULL, note TEXT, created INTEGER NOT NULL)");
            SplittableRandom random = new SplittableRandom(42); // the same data on every machine
            long rows = fill(c, s, random, (long) (targetBytes * TABLE_SHARE));
            LOG.info("{}: {} rows; building indexes", db.getFileName(), rows);
            s.execute("CREATE INDEX orders_customer ON orders(customer)");
            s.execute("CREATE INDEX orders_sku_created ON orders(sku, created)");
            // The table's share of the file is an estimate: add rows until the file is at least the
            // target, so that a "5 GB" database really is at or above a 5 GB threshold.
            fill(c, s, random, targetBytes);
        }
    }

    /** Adds rows to a finished database until it reaches its target size. */
    private static void topUp(Path db, long targetBytes) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
            s.execute("PRAGMA synchronous=OFF");
            s.execute("PRAGMA cache_size=-262144");
            fill(c, s, new SplittableRandom(4242), targetBytes);
        }
    }

    /** Inserts rows in batches, in one transaction, until the file holds {@code untilBytes}; returns the rows added. */
    private static long fill(Connection c, Statement s, SplittableRandom random, long untilBytes) throws SQLException {
        c.setAutoCommit(false);
        long rows = 0;
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO orders(customer, sku, qty, price, note, created) VALUES (?, ?, ?, ?, ?, ?)")) {
            while (bytesOf(s) < untilBytes) {
                for (int i = 0; i < BATCH; i++) {
                    insert.setString(1, "customer-" + random.nextInt(1_000_000));
                    insert.setString(2, "SKU-" + Long.toHexString(random.nextLong()));
                    insert.setInt(3, 1 + random.nextInt(20));
                    insert.setDouble(4, random.nextInt(100_000) / 100.0);
                    insert.setString(5, note(random));
                    insert.setLong(6, 1_600_000_000L + random.nextInt(150_000_000));
                    insert.addBatch();
                }
                insert.executeBatch();
                rows += BATCH;
                if (rows % 1_000_000 == 0) {
                    LOG.info("{} rows, {} MB", rows, bytesOf(s) / 1_000_000);
                }
            }
        }
        c.commit();
        c.setAutoCommit(true);
        return rows;
    }

    private static String note(SplittableRandom random) {
        StringBuilder note = new StringBuilder(120);
        int words = 8 + random.nextInt(12);
        for (int i = 0; i < words; i++) {
            note.append(Long.toString(random.nextLong() >>> 20, 36)).append(' ');
        }
        return note.toString();
    }

    private static long bytesOf(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
