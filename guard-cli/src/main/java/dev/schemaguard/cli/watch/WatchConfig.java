package dev.schemaguard.cli.watch;

import dev.schemaguard.GuardConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The watcher's thresholds.
 *
 * @param stall           a boot whose last line is a phase line and that printed nothing for
 *                        longer than this is HANG
 * @param crashLoopBoots  this many failed boots started within {@code crashLoopWindow}, with no
 *                        PASS since, is a CRASH_LOOP
 * @param crashLoopWindow see {@code crashLoopBoots}
 * @param silentGrace     how long an open boot may stay quiet after a newer boot started before
 *                        it counts as gone (SILENT); a live boot prints a heartbeat every 5 s by
 *                        default, so the default 15 s is three missed heartbeats
 */
record WatchConfig(Duration stall, int crashLoopBoots, Duration crashLoopWindow, Duration silentGrace) {

    public static final Duration DEFAULT_STALL = Duration.ofSeconds(60);
    public static final int DEFAULT_CRASH_LOOP_BOOTS = 3;
    public static final Duration DEFAULT_CRASH_LOOP_WINDOW = Duration.ofMinutes(10);
    public static final Duration DEFAULT_SILENT_GRACE = Duration.ofSeconds(15);

    public WatchConfig {
        Objects.requireNonNull(stall, "stall");
        Objects.requireNonNull(crashLoopWindow, "crashLoopWindow");
        Objects.requireNonNull(silentGrace, "silentGrace");
        if (stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("stall must be positive, got " + GuardConfig.formatDuration(stall));
        }
        if (crashLoopBoots < 2) {
            throw new IllegalArgumentException("crash-loop-boots must be at least 2, got " + crashLoopBoots);
        }
        if (crashLoopWindow.isNegative() || crashLoopWindow.isZero()) {
            throw new IllegalArgumentException("crash-loop-window must be positive, got " + GuardConfig.formatDuration(crashLoopWindow));
        }
        if (silentGrace.isNegative()) {
            throw new IllegalArgumentException("silent-grace must not be negative");
        }
    }

    public static WatchConfig defaults() {
        return new WatchConfig(DEFAULT_STALL, DEFAULT_CRASH_LOOP_BOOTS, DEFAULT_CRASH_LOOP_WINDOW, DEFAULT_SILENT_GRACE);
    }

    public WatchConfig withStall(Duration value) {
        return new WatchConfig(value, crashLoopBoots, crashLoopWindow, silentGrace);
    }

    public WatchConfig withCrashLoop(int boots, Duration window) {
        return new WatchConfig(stall, boots, window, silentGrace);
    }

    public WatchConfig withSilentGrace(Duration value) {
        return new WatchConfig(stall, crashLoopBoots, crashLoopWindow, value);
    }
}
