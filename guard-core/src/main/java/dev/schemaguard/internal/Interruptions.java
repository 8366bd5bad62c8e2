package dev.schemaguard.internal;

import java.util.concurrent.CancellationException;

/**
 * Checkpoints for work that never blocks but can run long on a large input: reading, hashing,
 * splitting and classifying a 47 MB migration. The boot's runner interrupts its worker thread at
 * the deadline (or on SIGTERM); a loop that calls {@link #check()} then stops within microseconds
 * instead of allocating on until it ends, which would starve the runner of the CPU and the heap it
 * needs to print the verdict in time.
 */
public final class Interruptions {
    private Interruptions() {
    }

    /** Throws {@link CancellationException} when the current thread was interrupted; the flag stays set. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("stopped: the boot's deadline ran out or it was terminated");
        }
    }
}
