package dev.schemaguard.cli;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or SIGINT while {@code boot} runs. The JVM answers either by running its shutdown hooks
 * and then exiting with 128 + the signal's number (143, 130); this hook first stops the boot: the
 * thread blocked in it is interrupted, so the running step is cancelled and rolled back whole and
 * the boot ends with {@code SCHEMA_GUARD result=HANG code=TERMINATED phase=<phase>}, and the hook
 * waits until that line is printed and the status file and termination log are written. A signal
 * that comes before the boot started stops it as soon as it starts.
 */
final class Termination {
    /** A boot stops within a second of its interrupt; this bounds the wait if something is stuck. */
    private static final long GRACE_MS = 5_000;

    private final Thread bootThread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean terminating;

    private Termination(Thread bootThread) {
        this.bootThread = bootThread;
    }

    /** Watches for a termination signal from now on; {@code bootThread} is the thread that will run the boot. */
    static Termination install(Thread bootThread) {
        Termination termination = new Termination(bootThread);
        Runtime.getRuntime().addShutdownHook(new Thread(termination::onShutdown, "schema-guard-termination"));
        return termination;
    }

    /** Hears the boot start and end, on the boot's own thread. */
    BootListener listener() {
        return new BootListener() {
            @Override
            public void progress(String bootId, String phase, String status) {
                if ("boot".equals(phase) && "STARTED".equals(status)) {
                    running = true;
                    if (terminating) {
                        bootThread.interrupt();
                    }
                }
            }

            @Override
            public void verdict(BootReport report) {
                running = false;
            }
        };
    }

    /** The command is done (its output printed): a shutdown from now on is the normal exit. */
    void finished() {
        finished.countDown();
    }

    private void onShutdown() {
        if (finished.getCount() == 0) {
            return;
        }
        terminating = true;
        if (running) {
            bootThread.interrupt();
        }
        try {
            finished.await(GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
