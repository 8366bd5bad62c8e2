package dev.schemaguard.cli.watch;

import dev.schemaguard.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a log stream through a {@link BootWatcher} the way the CLI drives it: lines at given
 * offsets from the start, a timer tick every second in between, all on a hand-moved clock.
 */
final class WatchRig {

    static final Instant T0 = Instant.parse("2026-01-15T03:00:00Z");

    final TestClock clock = TestClock.at(T0);
    final BootWatcher watcher;
    final List<Alert> alerts = new ArrayList<>();

    WatchRig() {
        this(WatchConfig.defaults());
    }

    WatchRig(WatchConfig config) {
        this.watcher = new BootWatcher(config, clock);
    }

    /** Moves time to {@code offset} after T0, ticking every second on the way. */
    WatchRig at(Duration offset) {
        Instant target = T0.plus(offset);
        while (clock.instant().plusSeconds(1).isBefore(target)) {
            clock.advance(Duration.ofSeconds(1));
            alerts.addAll(watcher.tick());
        }
        clock.set(target);
        alerts.addAll(watcher.tick());
        return this;
    }

    WatchRig atSeconds(long seconds) {
        return at(Duration.ofSeconds(seconds));
    }

    WatchRig line(String line) {
        alerts.addAll(watcher.accept(line));
        return this;
    }

    WatchRig end() {
        alerts.addAll(watcher.endOfInput());
        return this;
    }

    List<Alert> alertsOf(Alert.Shape shape) {
        return alerts.stream().filter(a -> a.shape() == shape).toList();
    }

    List<String> alertLines() {
        return alerts.stream().map(Alert::toLine).toList();
    }
}
