package dev.schemaguard.cli.watch;

import java.time.Duration;
import java.time.Instant;

/** What the watcher remembers about one boot that has not printed its verdict yet. */
final class OpenBoot {

    final String key;
    final Instant startedAt;
    Instant lastLineAt;
    String lastPhase;
    String lastStatus;
    String db;
    /** When a newer boot started while this one was quiet; cleared by any line of this boot. */
    Instant supersededAt;
    /** HANG or SILENT was raised: at most one of them per boot. */
    boolean noProgressAlerted;
    /** Counted once towards a crash loop, whichever failure shape came first. */
    boolean countedAsFailed;

    OpenBoot(String key, Instant startedAt) {
        this.key = key;
        this.startedAt = startedAt;
        this.lastLineAt = startedAt;
    }

    void record(LogLine line, Instant at) {
        if (at.isAfter(lastLineAt)) {
            lastLineAt = at;
        }
        supersededAt = null; // it printed, so it is alive: an interleaved replica, not a dead one
        line.get("db").ifPresent(v -> db = v);
        if (!line.isVerdict()) {
            line.get("phase").ifPresent(v -> lastPhase = v);
            lastStatus = line.get("status").orElse(null);
        }
    }

    Instant hangsAt(Duration stall) {
        return lastLineAt.plus(stall);
    }

    /** Null while no newer boot has superseded this one. */
    Instant silentAt(Duration grace) {
        return supersededAt == null ? null : supersededAt.plus(grace);
    }
}
