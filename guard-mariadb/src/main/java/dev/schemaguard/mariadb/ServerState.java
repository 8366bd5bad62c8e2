package dev.schemaguard.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Whether the server refuses writes: a replica with read_only (MariaDB, MySQL) or super_read_only (MySQL) on. */
final class ServerState {
    private ServerState() {
    }

    /** Why the server refuses this connection's writes, with the fix; empty when it does not. */
    static Optional<String> readOnly(Connection connection) throws SQLException {
        try {
            return readOnly(connection, "transaction_read_only");
        } catch (SQLException e) {
            if (e.getErrorCode() != 1193) { // unknown system variable: an older server names it tx_read_only
                throw e;
            }
            return readOnly(connection, "tx_read_only");
        }
    }

    private static Optional<String> readOnly(Connection connection, String transactionReadOnly) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@global.read_only, @@session." + transactionReadOnly)) {
            rs.next();
            if (on(rs.getString(1))) {
                return Optional.of("The server runs with read_only on (a replica, or a primary set read-only): point the "
                        + "service at the primary, or turn read_only off.");
            }
            return on(rs.getString(2)) ? Optional.of(transactionReadOnly + " is on for this session (the user's or the "
                    + "server's default): turn it off, or point the service at a writable database.") : Optional.empty();
        }
    }

    /** read_only is 0/1 before MariaDB 11.0 and OFF/ON/NO_LOCK/NO_LOCK_NO_ADMIN after. */
    private static boolean on(String value) {
        return value != null && !value.equals("0") && !value.equalsIgnoreCase("OFF");
    }
}
