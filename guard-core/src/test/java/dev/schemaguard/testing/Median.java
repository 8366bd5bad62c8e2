package dev.schemaguard.testing;

import java.util.ArrayList;
import java.util.List;

/** The median of measured durations, for benchmarks that report one figure per series. */
public final class Median {
    private Median() {
    }

    /** The median of {@code nanos}, in milliseconds. */
    public static double millis(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
