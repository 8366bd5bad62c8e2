package dev.schemaguard.cli.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Another process that holds a SQLite database's write lock: {@code BEGIN IMMEDIATE}, one insert, then
 * it prints {@code locked} and waits until it is killed (or its standard input closes).
 */
public final class SqliteLockHolder {
    private SqliteLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("CREATE TABLE IF NOT EXISTS holder_was_here (x INTEGER)");
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until stdin closes or the process is killed
            }
        }
    }

    /** Starts one, waits until it holds the lock. */
    static Process start(java.nio.file.Path db) throws Exception {
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SqliteLockHolder.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        String line = out.readLine();
        if (!"locked".equals(line)) {
            p.destroyForcibly();
            throw new AssertionError("the lock holder did not take the lock: " + line);
        }
        return p;
    }
}
