package dev.schemaguard.internal.boot;

/**
 * How far a boot got, for a verdict reached before the pipeline could report its own outcome (a
 * HANG, a termination, a failure thrown mid-way): migrations this boot committed, and migrations
 * still not in the ledger (known once the ledger was read; 0 before).
 */
record Tally(int applied, int pending) {
    static final Tally NONE = new Tally(0, 0);
}
