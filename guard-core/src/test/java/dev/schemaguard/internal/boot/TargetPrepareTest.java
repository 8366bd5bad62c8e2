package dev.schemaguard.internal.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.internal.report.Redactor;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.IntegritySession;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A boot has the driver prepared on a helper as it starts; in a JVM that boots again (a test suite, a
 * warm service) the driver stays prepared, and the helper is not woken again for each boot.
 */
class TargetPrepareTest {
    /** A database whose preparation is counted; one class per test, as preparation is once per kind of database. */
    private static final class CountedDatabase implements Dialect.Database {
        static final AtomicInteger PREPARED = new AtomicInteger();
        static final CountDownLatch FIRST = new CountDownLatch(1);

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Connection open(Dialect.Access access, ConnectionSettings settings) {
            throw new UnsupportedOperationException("never connected here");
        }

        @Override
        public void prepare() {
            PREPARED.incrementAndGet();
            FIRST.countDown();
        }

        @Override
        public IntegritySession integrity(IntegritySettings settings, Clock clock) {
            throw new UnsupportedOperationException("not asked here");
        }
    }

    @Test
    void theDriverIsPreparedOnce_howeverManyBootsTheJvmRuns() throws Exception {
        for (int boot = 0; boot < 20; boot++) {
            target(new CountedDatabase()).prepare();
        }
        assertTrue(CountedDatabase.FIRST.await(30, TimeUnit.SECONDS), "the first boot had the driver prepared");
        for (int boot = 0; boot < 20; boot++) {
            target(new CountedDatabase()).prepare(); // a later boot, after the first preparation ended
        }

        assertEquals(1, CountedDatabase.PREPARED.get());
    }

    private static Target target(Dialect.Database database) {
        return new Target(null, database, "jdbc:counted:x", null, ConnectionSettings.DEFAULT, Redactor.forUrl("jdbc:counted:x", List.of()));
    }
}
