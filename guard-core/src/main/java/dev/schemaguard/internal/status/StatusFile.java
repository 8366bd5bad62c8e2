package dev.schemaguard.internal.status;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.internal.io.AtomicFiles;
import dev.schemaguard.internal.text.Json;
import dev.schemaguard.internal.text.Logfmt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The boot's status as a small JSON file, rewritten whole (temp + move) at every progress line
 * and at the verdict: a reader never sees half a file. Once the verdict is written, later progress
 * (a heartbeat racing the end, or a worker still unwinding after a HANG) is ignored, so the
 * verdict is the file's last word.
 */
public final class StatusFile implements BootListener {
    private final Path file;
    private final Clock clock;
    private String bootId;
    private String phase;
    private Instant startedAt;
    private Instant lastProgressAt;
    private boolean done;

    public StatusFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public synchronized void progress(String bootId, String phase, String status) {
        if (done) {
            return;
        }
        Instant now = clock.instant();
        if (startedAt == null) {
            startedAt = now;
        }
        this.bootId = bootId;
        this.phase = phase;
        this.lastProgressAt = now;
        write(null);
    }

    @Override
    public synchronized void verdict(BootReport report) {
        if (done) {
            return;
        }
        done = true;
        Instant now = clock.instant();
        if (startedAt == null) {
            startedAt = now; // a configuration error: the boot never started a phase
            lastProgressAt = now;
        }
        if (bootId == null) {
            bootId = Logfmt.parse(report.line()).get("boot");
        }
        String hungPhase = report.details().get("phase");
        if (hungPhase != null) {
            phase = hungPhase;
        }
        write(report);
    }

    private void write(BootReport report) {
        String json = "{\"boot\": " + Json.string(bootId)
                + ", \"phase\": " + Json.string(phase)
                + ", \"started_at\": " + Json.string(startedAt.toString())
                + ", \"last_progress_at\": " + Json.string(lastProgressAt.toString())
                + ", \"verdict\": " + Json.string(report == null ? null : report.verdict().name())
                + ", \"code\": " + Json.string(report == null ? null : report.code().name())
                + ", \"line\": " + Json.string(report == null ? null : report.line())
                + "}\n";
        try {
            AtomicFiles.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the status file " + file + ": " + e.getMessage(), e);
        }
    }
}
