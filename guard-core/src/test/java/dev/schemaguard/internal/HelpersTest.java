package dev.schemaguard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The threads a boot runs on: reused, named for their task, with the caller's class loader, and stoppable. */
class HelpersTest {

    @Test
    void aTaskAfterAnother_runsOnTheSameThread_namedForEachTaskWhileItRuns() throws Exception {
        Thread first = Helpers.start("schema-guard-test-first", () -> {
            assertEquals("schema-guard-test-first", Thread.currentThread().getName());
            return Thread.currentThread();
        }).future().get(10, TimeUnit.SECONDS);
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (first.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < waitUntil) {
            Thread.onSpinWait(); // back in the pool, waiting for a task (a boot comes later than a test's next line)
        }
        Thread second = Helpers.start("schema-guard-test-second", Thread::currentThread).future().get(10, TimeUnit.SECONDS);

        assertSame(first, second, "an idle helper thread is reused, not a new one started");
        assertTrue(first.isDaemon(), "a helper never keeps the JVM alive");
        assertTrue(first.getName().startsWith("schema-guard-helper-"), "idle, it is named as the pool's: " + first.getName());
    }

    @Test
    void aTask_seesTheCallersContextClassLoader_andTheIdleThreadKeepsNone() throws Exception {
        ClassLoader callers = new URLClassLoader(new URL[0]);
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        Helpers.Task<Thread> task;
        Thread.currentThread().setContextClassLoader(callers);
        try {
            task = Helpers.start("schema-guard-test-loader", () -> {
                seen.set(Thread.currentThread().getContextClassLoader());
                return Thread.currentThread();
            });
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        Thread helper = task.future().get(10, TimeUnit.SECONDS);
        assertTrue(task.awaitEnd(Duration.ofSeconds(10)));

        assertSame(callers, seen.get());
        assertNull(helper.getContextClassLoader(),
                "an idle helper holds no caller's class loader (it would keep a redeployed application's classes)");
    }

    @Test
    void cancel_interruptsARunningTask_andAwaitEndSaysWhenItReturned() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch unwound = new CountDownLatch(1);
        Helpers.Task<Void> task = Helpers.start("schema-guard-test-cancel", () -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                unwound.await(); // unwinding takes a while: until the test lets it end
            }
            return null;
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));

        task.cancel();

        assertThrows(CancellationException.class, () -> task.future().get());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "cancel interrupts the task");
        assertFalse(task.awaitEnd(Duration.ofMillis(50)), "cancelled is not returned: the task is still unwinding");
        unwound.countDown();
        assertTrue(task.awaitEnd(Duration.ofSeconds(10)));
        Thread next = Helpers.start("schema-guard-test-after", () -> {
            assertFalse(Thread.currentThread().isInterrupted(), "the next task on a reused thread starts uninterrupted");
            return Thread.currentThread();
        }).future().get(10, TimeUnit.SECONDS);
        assertTrue(next.isAlive());
    }
}
