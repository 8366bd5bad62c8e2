package dev.schemaguard.mariadb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.DataPathProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Incident 4 on MariaDB: /health goes down when the users table is emptied or gone (a table named like a keyword). */
class MariaDbDataPathProbeTest {

    @Test
    void upWithData_downWhenTheTableIsEmptied_downWhenItIsGone() throws Exception {
        MariaDbTestDatabase db = MariaDbServer.shared().newDatabase();
        db.execute("CREATE TABLE `user` (id BIGINT PRIMARY KEY)", "INSERT INTO `user` VALUES (1), (2)");
        DataPathProbe probe = DataPathProbe.of(db.url(), List.of(new Canary("user", 1)));

        DataPathProbe.Result up = probe.check();
        db.execute("DELETE FROM `user`");
        DataPathProbe.Result emptied = probe.check();
        db.execute("DROP TABLE `user`");
        DataPathProbe.Result gone = probe.check();

        assertTrue(up.up(), up.reason());
        assertFalse(emptied.up());
        assertTrue(emptied.reason().contains("user has 0 rows"), emptied.reason());
        assertFalse(gone.up());
        assertTrue(gone.reason().contains("user"), gone.reason());
    }
}
