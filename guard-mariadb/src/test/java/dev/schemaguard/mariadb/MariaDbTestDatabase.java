package dev.schemaguard.mariadb;

import dev.schemaguard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * One fresh database on the shared test server, with a user of its own who logs in with a password.
 * The guard gets the password in the URL (redacted in every line); {@link #urlWithoutPassword()} is for
 * tests that give it another way.
 */
public record MariaDbTestDatabase(MariaDbServer server, String name, String user, String password) implements TestDatabase {

    @Override
    public String url() {
        return urlWithoutPassword() + "&password=" + password;
    }

    public String urlWithoutPassword() {
        return server.url(name) + "?user=" + user;
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /** Each DDL statement commits on its own. */
    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public String schema() {
        return name;
    }

    /** Tables and views, lower-case, sorted, from information_schema (the driver's metadata spans every database). */
    @Override
    public List<String> objects() throws SQLException {
        return column("SELECT LOWER(TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1");
    }

    /** Liquibase names the ledger in lower case on MariaDB, where table names are case-sensitive. */
    @Override
    public List<String> ledger() throws SQLException {
        return objects().contains("databasechangelog")
                ? column("SELECT ID FROM databasechangelog ORDER BY ORDEREXECUTED") : List.of();
    }

    @Override
    public List<String> columns(String table) throws SQLException {
        return column("SELECT LOWER(COLUMN_NAME) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = '" + table.replace("'", "''") + "' ORDER BY ORDINAL_POSITION");
    }
}
