package dev.schemaguard.postgres;

import dev.schemaguard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One fresh database on a shared test server; the guard and the test connect as the superuser unless told otherwise. */
public record PostgresTestDatabase(PostgresServer server, String name) implements TestDatabase {

    @Override
    public String url() {
        return server.url(name) + "?user=" + PostgresServer.SUPERUSER;
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    @Override
    public String schema() {
        return "public";
    }
}
