package dev.schemaguard.cli.watch;

import dev.schemaguard.GuardConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recognizes the shape of every boot in one log stream: PASS, FAIL, HANG, CRASH_LOOP, SILENT.
 *
 * <p>A pure state machine: it reads no input and prints nothing. Feed it lines with
 * {@link #accept}, call {@link #tick} on a timer so that a stall is seen while no input
 * arrives, and {@link #endOfInput} when the producer is gone. Each call returns the alerts it
 * raised, each problem exactly once. Not thread-safe: one thread drives it.
 *
 * <p>The rules (also in docs/watchdog.md):
 * <ul>
 *   <li>HANG: an open boot printed nothing for longer than {@code stall} after a phase line,
 *       or printed {@code result=HANG}. Heartbeats ({@code status=RUNNING}) are output, so a
 *       slow phase that keeps beating is not hung.</li>
 *   <li>SILENT: an open boot (started, no verdict) that printed nothing for {@code silentGrace}
 *       after a newer boot printed {@code phase=boot status=STARTED} in the same stream, or
 *       that is open when the input ends. A line from it in the grace time proves it is an
 *       interleaved replica, alive. Boots without {@code boot=} are one anonymous lineage:
 *       a new anonymous start supersedes the open anonymous boot at once.</li>
 *   <li>CRASH_LOOP: {@code crashLoopBoots} boots that started within {@code crashLoopWindow}
 *       ended without a PASS (FAIL, HANG or SILENT) and no PASS was seen since.</li>
 * </ul>
 */
final class BootWatcher {

    /** The key of the one anonymous boot lineage per stream (lines without {@code boot=}). */
    private static final String ANONYMOUS = "";
    private static final int REMEMBERED_CLOSED_BOOTS = 1024;

    private final WatchConfig config;
    private final Clock clock;
    private final CrashLoopDetector crashLoop;
    private final Map<String, OpenBoot> open = new LinkedHashMap<>();
    /**
     * Boots that are done (verdict, or given up as SILENT), mapped to whether HANG or SILENT was
     * raised for them: their later lines (deferred checks) must not reopen them.
     */
    private final Map<String, Boolean> closed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_CLOSED_BOOTS;
        }
    };

    public BootWatcher(WatchConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.crashLoop = new CrashLoopDetector(config.crashLoopBoots(), config.crashLoopWindow());
    }

    /** Reads one raw log line seen now; lines that are not Schema Guard lines are ignored. */
    public List<Alert> accept(String rawLine) {
        return accept(rawLine, clock.instant());
    }

    /** Reads one raw log line seen at {@code at} (a replay, or a timestamp from the line's prefix). */
    public List<Alert> accept(String rawLine, Instant at) {
        List<Alert> alerts = new ArrayList<>();
        // time first: a boot that stalled before this line arrived was stalled, whatever the line says
        evaluateTime(at, alerts);
        LogLine.parse(rawLine).ifPresent(line -> handle(line, at, alerts));
        evaluateTime(at, alerts);
        return alerts;
    }

    /** Evaluates stalls and superseded boots against the clock; call it on a timer. */
    public List<Alert> tick() {
        return tick(clock.instant());
    }

    public List<Alert> tick(Instant now) {
        List<Alert> alerts = new ArrayList<>();
        evaluateTime(now, alerts);
        return alerts;
    }

    /** The producer is gone (EOF of {@code docker logs -f}): every boot still open never printed a verdict. */
    public List<Alert> endOfInput() {
        Instant now = clock.instant();
        List<Alert> alerts = new ArrayList<>();
        evaluateTime(now, alerts);
        for (OpenBoot boot : List.copyOf(open.values())) {
            if (!boot.noProgressAlerted) {
                alerts.add(silent(boot, "input ended before the boot printed a verdict"));
                countFailure(boot, null, now, alerts);
            }
            close(boot);
        }
        return alerts;
    }

    private void handle(LogLine line, Instant at, List<Alert> alerts) {
        String key = line.boot().orElse(ANONYMOUS);
        if (closed.containsKey(key) && !(key.equals(ANONYMOUS) && line.isBootStart())) {
            boolean hangAlreadyAlerted = closed.get(key) && "HANG".equals(line.result());
            if (line.isVerdict() && !"PASS".equals(line.result()) && !hangAlreadyAlerted) {
                alerts.add(verdictAlert(line, null)); // e.g. a deferred integrity check failing after PASS
            }
            return;
        }
        if (line.isBootStart()) {
            supersedeOthers(key, at, alerts);
            closed.remove(key);
        }
        OpenBoot boot = open.computeIfAbsent(key, k -> new OpenBoot(k, at));
        boot.record(line, at);
        if (line.isVerdict()) {
            handleVerdict(boot, line, at, alerts);
        }
    }

    /** A newer boot started: every other open boot must now prove it is alive by printing. */
    private void supersedeOthers(String startingKey, Instant at, List<Alert> alerts) {
        for (OpenBoot other : List.copyOf(open.values())) {
            if (!other.key.equals(startingKey) && other.supersededAt == null) {
                other.supersededAt = at;
            }
        }
        OpenBoot previousAnonymous = open.get(ANONYMOUS);
        if (startingKey.equals(ANONYMOUS) && previousAnonymous != null) {
            // without ids a restart cannot be told from an interleaved replica: the old one is gone
            if (!previousAnonymous.noProgressAlerted) {
                alerts.add(silent(previousAnonymous, "a new boot started before this one printed a verdict"));
                countFailure(previousAnonymous, null, at, alerts);
            }
            close(previousAnonymous);
        }
    }

    private void handleVerdict(OpenBoot boot, LogLine line, Instant at, List<Alert> alerts) {
        String result = line.result();
        if ("PASS".equals(result)) {
            crashLoop.recordPass();
        } else if ("HANG".equals(result) && boot.noProgressAlerted) {
            countFailure(boot, line.get("code").orElse(null), at, alerts); // already alerted by the stall timer
        } else {
            alerts.add(verdictAlert(line, boot));
            boot.noProgressAlerted |= "HANG".equals(result);
            countFailure(boot, line.get("code").orElse(null), at, alerts);
        }
        close(boot);
    }

    private void evaluateTime(Instant now, List<Alert> alerts) {
        for (OpenBoot boot : List.copyOf(open.values())) {
            Instant hangsAt = boot.hangsAt(config.stall());
            Instant silentAt = boot.silentAt(config.silentGrace());
            boolean silentDue = silentAt != null && !silentAt.isAfter(now);
            // whichever came first in time wins, so a replay gives the same answer as live watching
            if (silentDue && !silentAt.isAfter(hangsAt)) {
                if (!boot.noProgressAlerted) {
                    alerts.add(silent(boot, "a newer boot started and this one printed nothing for "
                            + GuardConfig.formatDuration(config.silentGrace()) + " and no verdict"));
                    countFailure(boot, null, now, alerts);
                }
                close(boot);
            } else if (now.isAfter(hangsAt)) {
                if (!boot.noProgressAlerted) {
                    boot.noProgressAlerted = true;
                    alerts.add(stalled(boot));
                    countFailure(boot, null, now, alerts);
                }
                if (silentDue) {
                    close(boot); // already alerted as HANG; now gone too, nothing more to say
                }
            }
        }
    }

    private void countFailure(OpenBoot boot, String code, Instant now, List<Alert> alerts) {
        if (boot.countedAsFailed) {
            return;
        }
        boot.countedAsFailed = true;
        crashLoop.recordFailure(boot.startedAt, now).ifPresent(n -> alerts.add(new Alert(
                Alert.Shape.CRASH_LOOP, code, boot.key, boot.db, null, null, null,
                n + " boots started within " + GuardConfig.formatDuration(crashLoop.window()) + " ended without PASS",
                n, crashLoop.window())));
    }

    private void close(OpenBoot boot) {
        open.remove(boot.key);
        closed.put(boot.key, boot.noProgressAlerted);
    }

    private static Alert verdictAlert(LogLine line, OpenBoot boot) {
        Alert.Shape shape = "HANG".equals(line.result()) ? Alert.Shape.HANG : Alert.Shape.FAIL;
        String reason = line.get("reason").orElse(
                "FAIL".equals(line.result()) || "HANG".equals(line.result()) ? null : "unknown result=" + line.result());
        return new Alert(shape, line.get("code").orElse(null), line.boot().orElse(null),
                line.get("db").orElse(boot == null ? null : boot.db), line.get("phase").orElse(null),
                line.get("missing").orElse(null), line.get("migration").orElse(null), reason, 0, null);
    }

    private Alert stalled(OpenBoot boot) {
        String after = boot.lastPhase == null ? "its last line"
                : "phase=" + boot.lastPhase + (boot.lastStatus == null ? "" : " status=" + boot.lastStatus);
        return new Alert(Alert.Shape.HANG, null, bootId(boot), boot.db, boot.lastPhase, null, null,
                "no output for more than " + GuardConfig.formatDuration(config.stall()) + " after " + after, 0, null);
    }

    private static Alert silent(OpenBoot boot, String reason) {
        boot.noProgressAlerted = true;
        return new Alert(Alert.Shape.SILENT, null, bootId(boot), boot.db, boot.lastPhase, null, null, reason, 0, null);
    }

    private static String bootId(OpenBoot boot) {
        return boot.key.equals(ANONYMOUS) ? null : boot.key;
    }
}
