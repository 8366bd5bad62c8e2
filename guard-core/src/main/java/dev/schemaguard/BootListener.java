package dev.schemaguard;

import dev.schemaguard.internal.status.StatusFile;
import dev.schemaguard.internal.status.TerminationLog;
import dev.schemaguard.internal.time.NanoClock;
import java.nio.file.Path;

/**
 * Hears a boot as it goes: each progress line (a phase STARTED, or RUNNING while it runs long) and
 * the verdict. Pass one to {@link SchemaGuard#boot(BootListener)}; the CLI's {@code --status-file}
 * and {@code --termination-log} are the two below.
 *
 * <p>{@link #progress} is called on the boot's own threads (the worker and the heartbeat);
 * {@link #verdict} once, on the thread that called {@code boot}, after the line was logged. Keep
 * both quick. An exception thrown here is logged and never changes the boot's verdict.
 */
public interface BootListener {
    /** Hears nothing. */
    BootListener NONE = new BootListener() { };

    /**
     * A progress line was printed.
     *
     * @param bootId  the {@code boot=} of the lines
     * @param phase   {@code boot} for the start, then {@code load}, {@code open}, {@code ledger}, {@code plan}, {@code apply}, ...
     * @param status  {@code STARTED}, or {@code RUNNING} for a heartbeat
     */
    default void progress(String bootId, String phase, String status) {
    }

    /** The boot ended with this report; its distinctive line is {@link BootReport#line()}. */
    default void verdict(BootReport report) {
    }

    /** This listener, then {@code next}. */
    default BootListener andThen(BootListener next) {
        BootListener first = this;
        return new BootListener() {
            @Override
            public void progress(String bootId, String phase, String status) {
                first.progress(bootId, phase, status);
                next.progress(bootId, phase, status);
            }

            @Override
            public void verdict(BootReport report) {
                first.verdict(report);
                next.verdict(report);
            }
        };
    }

    /**
     * Keeps a small JSON status in {@code file}, rewritten atomically at every progress line and
     * at the verdict, so that a sidecar or an orchestrator can see a hang without parsing logs
     * (format in {@code docs/data-checks.md}).
     */
    static BootListener statusFile(Path file) {
        return new StatusFile(file, NanoClock.system());
    }

    /**
     * Writes the verdict line to {@code file} when the boot does not pass (FAIL or HANG), so that
     * Kubernetes shows it as the container's termination message; leaves it untouched on PASS.
     */
    static BootListener terminationLog(Path file) {
        return new TerminationLog(file);
    }

    /**
     * {@link #terminationLog(Path)} on Kubernetes' default, {@code /dev/termination-log}, when it
     * exists and is writable (the container runs on Kubernetes); otherwise hears nothing.
     */
    static BootListener kubernetesTerminationLog() {
        Path file = TerminationLog.resolve(null, TerminationLog.KUBERNETES_DEFAULT);
        return file == null ? NONE : terminationLog(file);
    }
}
