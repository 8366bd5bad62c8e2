package dev.schemaguard.mariadb;

import dev.schemaguard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** This database's user may no longer create the engine judge's scratch databases; returns this database. */
    public MariaDbTestDatabase withoutScratchDatabases() throws SQLException {
        server.admin("REVOKE ALL ON " + MariaDbServer.SCRATCH_DATABASES + ".* FROM '" + user + "'@'%'");
        return this;
    }

    /**
     * Every table's and view's definition (SHOW CREATE, without its AUTO_INCREMENT counter), every trigger and
     * routine, and every row: two equal ones mean nothing of the schema or the data changed.
     */
    public String schemaDump() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : column("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1")) {
                try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + table.replace("`", "``") + "`")) {
                    rs.next();
                    out.append(rs.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", "")).append('\n');
                }
            }
            for (String sql : List.of("SELECT CONCAT_WS(' ', TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, EVENT_OBJECT_TABLE,"
                    + " ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY 1",
                    "SELECT CONCAT_WS(' ', ROUTINE_TYPE, ROUTINE_NAME, ROUTINE_DEFINITION) FROM information_schema.ROUTINES"
                            + " WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY 1")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return out + dump();
    }

    @Override
    public List<String> columns(String table) throws SQLException {
        return column("SELECT LOWER(COLUMN_NAME) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = '" + table.replace("'", "''") + "' ORDER BY ORDINAL_POSITION");
    }
}
