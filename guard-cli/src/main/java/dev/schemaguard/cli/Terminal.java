package dev.schemaguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, where a person reads it, rather than a pipe or file a log
 * collector reads. Java has no isatty: on Linux the process's fd 2 link names the device
 * ({@code /dev/pts/3}); elsewhere, a console on standard input and output stands in for it.
 */
final class Terminal {
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        if (Files.isSymbolicLink(STDERR_LINK)) {
            try {
                String device = Files.readSymbolicLink(STDERR_LINK).toString();
                return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
