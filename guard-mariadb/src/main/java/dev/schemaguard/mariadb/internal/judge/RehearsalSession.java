package dev.schemaguard.mariadb.internal.judge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.NonRegisteringDriver;

/**
 * The session a migration is rehearsed in: a second connection of the boot's own user (the driver's
 * configuration of the boot's connection, with the scratch database as its database), given the boot
 * session's settings that shape what DDL does. Whatever the migration does to its session (settings,
 * temporary tables, locks, an open or distributed transaction) stays there and ends when it closes; the
 * boot's session, its default database and its apply lock are never the rehearsal's to change.
 */
final class RehearsalSession {
    /** Session settings that change what a DDL statement does or how long it may wait. */
    private static final List<String> SETTINGS = List.of("sql_mode", "foreign_key_checks", "unique_checks",
            "check_constraint_checks", "time_zone", "explicit_defaults_for_timestamp", "default_storage_engine",
            "default_tmp_storage_engine", "innodb_strict_mode", "system_versioning_alter_history", "alter_algorithm",
            "old_mode", "character_set_client", "character_set_connection", "collation_connection", "sql_quote_show_create",
            "lock_wait_timeout", "innodb_lock_wait_timeout", "max_statement_time");

    private RehearsalSession() {
    }

    /** Opens it on {@code scratch}; throws when the driver cannot (not MariaDB Connector/J, no connection left). */
    static Connection open(Connection boot, String scratch) throws SQLException {
        Configuration configuration = boot.unwrap(org.mariadb.jdbc.Connection.class).getContext().getConf();
        Connection session = NonRegisteringDriver.connect(configuration.toBuilder().database(scratch).build());
        try {
            copySettings(boot, session);
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private static void copySettings(Connection boot, Connection session) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < SETTINGS.size(); i++) {
            select.append(i == 0 ? "" : ", ").append("@@SESSION.").append(SETTINGS.get(i));
        }
        try (Statement s = boot.createStatement(); ResultSet rs = s.executeQuery(select.toString())) {
            rs.next();
            for (int i = 0; i < SETTINGS.size(); i++) {
                String value = rs.getString(i + 1);
                String sql = "SET SESSION " + SETTINGS.get(i) + " = "
                        + (value == null ? "DEFAULT" : value.matches("-?[0-9]+(\\.[0-9]+)?") ? value : "?");
                try (PreparedStatement set = session.prepareStatement(sql)) {
                    if (sql.endsWith("?")) {
                        set.setString(1, value);
                    }
                    set.execute();
                }
            }
        }
    }
}
