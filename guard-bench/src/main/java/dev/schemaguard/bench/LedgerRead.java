package dev.schemaguard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** The floor: a JVM that opens the SQLite file and reads DATABASECHANGELOG with one query, and nothing else. */
public final class LedgerRead {
    private LedgerRead() {
    }

    /** {@code <database file>}. */
    public static void main(String[] args) throws Exception {
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID, MD5SUM, COMMENTS FROM DATABASECHANGELOG")) {
            while (rs.next()) {
                rows++;
            }
        }
        if (rows == 0) {
            throw new IllegalStateException("empty ledger in " + args[0]);
        }
    }
}
