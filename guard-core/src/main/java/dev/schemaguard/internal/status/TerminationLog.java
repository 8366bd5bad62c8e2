package dev.schemaguard.internal.status;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Kubernetes shows the content of a container's termination log ({@code /dev/termination-log} by
 * default) as its termination message: the verdict line of a failed boot belongs there. Written in
 * place, not by temp + move: the file is usually a bind mount, which cannot be replaced.
 */
public final class TerminationLog implements BootListener {
    /** Where Kubernetes reads the message unless the pod sets terminationMessagePath. */
    public static final Path KUBERNETES_DEFAULT = Path.of("/dev/termination-log");
    /** Kubernetes keeps at most this many bytes of the message. */
    static final int MAX_BYTES = 4096;

    private final Path file;

    public TerminationLog(Path file) {
        this.file = file;
    }

    /** The explicit path when given, else Kubernetes' default when it exists and is writable, else null. */
    public static Path resolve(Path explicit, Path defaultCandidate) {
        if (explicit != null) {
            return explicit;
        }
        return Files.isRegularFile(defaultCandidate) && Files.isWritable(defaultCandidate) ? defaultCandidate : null;
    }

    @Override
    public void verdict(BootReport report) {
        if (report.passed()) {
            return;
        }
        byte[] line = (report.line() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(file, line.length <= MAX_BYTES ? line : java.util.Arrays.copyOf(line, MAX_BYTES),
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the termination log " + file + ": " + e.getMessage(), e);
        }
    }
}
