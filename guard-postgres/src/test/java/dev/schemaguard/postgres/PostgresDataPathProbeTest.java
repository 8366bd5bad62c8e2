package dev.schemaguard.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.DataPathProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Incident 4's auth service: /health must go down when the data directory was re-initialized. */
class PostgresDataPathProbeTest {

    @Test
    void upWithData_downWhenTheTableIsEmptied_downWhenItIsGone() throws Exception {
        PostgresTestDatabase db = PostgresServer.defaultMajor().newDatabase();
        db.execute("CREATE SCHEMA auth", "CREATE TABLE auth.sessions (id BIGINT PRIMARY KEY)", "INSERT INTO auth.sessions VALUES (1), (2)");
        DataPathProbe probe = DataPathProbe.of(db.url(), List.of(new Canary("auth.sessions", 1)));

        DataPathProbe.Result up = probe.check();
        db.execute("DELETE FROM auth.sessions");
        DataPathProbe.Result emptied = probe.check();
        db.execute("DROP SCHEMA auth CASCADE");
        DataPathProbe.Result gone = probe.check();

        assertTrue(up.up(), up.reason());
        assertFalse(emptied.up());
        assertTrue(emptied.reason().contains("auth.sessions has 0 rows"), emptied.reason());
        assertFalse(gone.up());
        assertTrue(gone.reason().contains("auth.sessions"), gone.reason());
    }
}
