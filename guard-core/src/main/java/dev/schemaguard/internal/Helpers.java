package dev.schemaguard.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a boot runs on besides its caller's: its worker, its helpers (the changelog read, each
 * connection attempt) and its heartbeat, kept for a while after their task. Starting a thread costs
 * 0.1 ms on an idle 2-core host and up to 0.5 ms on a busy one, with the starting thread waiting, and
 * a new thread starts without the caches its predecessor had filled (the JDK's per-thread I/O
 * buffers); a JVM that boots more than once (a test suite starting application contexts, a
 * program that boots one database after another) reuses them. Daemon threads, none kept after
 * {@link #KEEP_ALIVE_SECONDS} idle: a service that booted once soon has none left. The heartbeats of
 * boots running at once share one timer thread; a heartbeat only prints a line and tells the boot's listener.
 */
public final class Helpers {
    static final long KEEP_ALIVE_SECONDS = 30;
    private static final AtomicInteger CREATED = new AtomicInteger();
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("schema-guard-helper-"));
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Helpers() {
    }

    /**
     * Runs {@code task} on a helper thread, named {@code name} while it runs (as a thread dump and the
     * boot's lines name it) and with the caller's context class loader.
     */
    public static <T> Task<T> start(String name, Callable<T> task) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        CountDownLatch ended = new CountDownLatch(1);
        Future<T> future = POOL.submit(() -> {
            Thread thread = Thread.currentThread();
            String idle = thread.getName();
            thread.setName(name);
            thread.setContextClassLoader(context);
            try {
                return task.call();
            } finally {
                thread.setContextClassLoader(null);
                thread.setName(idle);
                ended.countDown();
            }
        });
        return new Task<>(future, ended);
    }

    /** {@code task} every {@code period} on the shared timer thread, until the returned future is cancelled. */
    public static ScheduledFuture<?> every(Duration period, Runnable task) {
        return TIMER.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A task on a helper thread: its result, and whether it has returned (which a cancelled future does not say). */
    public static final class Task<T> {
        private final Future<T> future;
        private final CountDownLatch ended;

        private Task(Future<T> future, CountDownLatch ended) {
            this.future = future;
            this.ended = ended;
        }

        public Future<T> future() {
            return future;
        }

        /** Interrupts the task if it still runs. */
        public void cancel() {
            future.cancel(true);
        }

        /** Waits up to {@code grace} for the task to return; whether it did. */
        public boolean awaitEnd(Duration grace) throws InterruptedException {
            return ended.await(grace.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("schema-guard-timer-"));
        timer.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static ThreadFactory daemon(String prefix) {
        return task -> {
            Thread thread = new Thread(task, prefix + CREATED.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        };
    }
}
