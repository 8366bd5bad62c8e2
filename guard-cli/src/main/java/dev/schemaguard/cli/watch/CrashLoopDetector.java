package dev.schemaguard.cli.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Counts failed boots (FAIL, HANG or SILENT) of one stream by the instant they started.
 * Fires once per episode; an episode ends at a PASS or when a whole window passes without a
 * failed boot, and then the detector is armed again.
 */
final class CrashLoopDetector {

    private final int threshold;
    private final Duration window;
    private final List<Instant> failedBootStarts = new ArrayList<>();
    private boolean armed = true;

    CrashLoopDetector(int threshold, Duration window) {
        this.threshold = threshold;
        this.window = window;
    }

    /** Returns the number of failed boots in the window when this failure completes a loop. */
    OptionalInt recordFailure(Instant bootStartedAt, Instant now) {
        forgetOlderThanWindow(now);
        if (!bootStartedAt.isBefore(now.minus(window))) {
            failedBootStarts.add(bootStartedAt);
        }
        if (armed && failedBootStarts.size() >= threshold) {
            armed = false;
            return OptionalInt.of(failedBootStarts.size());
        }
        return OptionalInt.empty();
    }

    void recordPass() {
        failedBootStarts.clear();
        armed = true;
    }

    private void forgetOlderThanWindow(Instant now) {
        Instant horizon = now.minus(window);
        failedBootStarts.removeIf(start -> start.isBefore(horizon));
        if (failedBootStarts.isEmpty()) {
            armed = true;
        }
    }

    Duration window() {
        return window;
    }
}
