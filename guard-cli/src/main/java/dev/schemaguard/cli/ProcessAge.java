package dev.schemaguard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long ago this process was started (JVM start included), to the hundredth of a second. Linux
 * gives both the process's start and the time since boot in clock ticks; {@code ProcessHandle}'s
 * start instant adds a boot time rounded to the second, which is not precise enough for a deadline.
 */
final class ProcessAge {
    /** USER_HZ: the unit of /proc/self/stat's times on every Linux architecture Java runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessAge() {
    }

    static Optional<Duration> now() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // Field 22 is the start time; fields are counted after the command name, which may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]);
            String uptime = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII).split(" ")[0];
            long uptimeMillis = Math.round(Double.parseDouble(uptime) * 1000);
            long age = uptimeMillis - startTicks * 1000 / TICKS_PER_SECOND;
            return Optional.of(Duration.ofMillis(Math.max(0, age)));
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, Instant.now()));
        }
    }
}
