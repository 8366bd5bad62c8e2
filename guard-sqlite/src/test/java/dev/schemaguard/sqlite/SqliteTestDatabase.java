package dev.schemaguard.sqlite;

import dev.schemaguard.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A SQLite file in a test's temporary folder; it does not exist until a boot (or a seed) creates it. */
public record SqliteTestDatabase(Path file) implements TestDatabase {

    @Override
    public String url() {
        return "jdbc:sqlite:" + file;
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }
}
