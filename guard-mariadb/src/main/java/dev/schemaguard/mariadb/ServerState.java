package dev.schemaguard.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Whether the server refuses writes: a replica with read_only (MariaDB, MySQL) or super_read_only (MySQL) on. */
final class ServerState {
    private ServerState() {
    }

    static boolean readOnly(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@global.read_only, @@session.transaction_read_only")) {
            rs.next();
            return on(rs.getString(1)) || on(rs.getString(2));
        } catch (SQLException e) {
            if (e.getErrorCode() != 1193) { // unknown system variable: an older server names it tx_read_only
                throw e;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT @@global.read_only, @@session.tx_read_only")) {
                rs.next();
                return on(rs.getString(1)) || on(rs.getString(2));
            }
        }
    }

    /** read_only is 0/1 before MariaDB 11.0 and OFF/ON/NO_LOCK/NO_LOCK_NO_ADMIN after. */
    private static boolean on(String value) {
        return value != null && !value.equals("0") && !value.equalsIgnoreCase("OFF");
    }
}
