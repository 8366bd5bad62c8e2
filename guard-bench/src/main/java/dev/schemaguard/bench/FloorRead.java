package dev.schemaguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The floor: a JVM that opens the database, reads {@code DATABASECHANGELOG} with one query, and hashes
 * the migration files (SHA-256), and nothing else. Any boot guard that checks applied files against
 * the ledger does at least this. Runs with the JDBC driver alone on its class path.
 */
public final class FloorRead {
    private FloorRead() {
    }

    /** {@code <jdbc url> <folder of .sql files>}. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args[0], Path.of(args[1])) > 0 ? 0 : 1);
    }

    /** The number of files whose hash the ledger records. */
    static int run(String url, Path folder) throws Exception {
        Map<String, String> ledger = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID, COMMENTS FROM DATABASECHANGELOG")) {
            while (rs.next()) {
                ledger.put(rs.getString(1), rs.getString(2));
            }
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        int matched = 0;
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (Path file : files) {
            String hex = java.util.HexFormat.of().formatHex(sha256.digest(Files.readAllBytes(file)));
            String recorded = ledger.get(file.getFileName().toString());
            if (recorded != null && recorded.endsWith(hex)) {
                matched++;
            }
        }
        if (matched != files.size()) {
            throw new IllegalStateException(matched + " of " + files.size() + " files match the ledger of " + url);
        }
        return matched;
    }
}
