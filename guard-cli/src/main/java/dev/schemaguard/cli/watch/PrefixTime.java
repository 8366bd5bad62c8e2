package dev.schemaguard.cli.watch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instant a log pipeline stamped on a line, when its prefix carries one with a zone:
 * {@code docker logs -t} ({@code 2026-01-15T03:00:00.123456789Z}), {@code journalctl -o short-iso}
 * ({@code 2026-01-15T03:00:00+0000}). A replay of a file ({@code --once}) needs it to measure
 * stalls and crash-loop windows as they happened, not as fast as the file is read. Timestamps
 * without a zone are ambiguous and are not used.
 */
final class PrefixTime {

    private static final Pattern STAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");

    private PrefixTime() {
    }

    public static Optional<Instant> of(String rawLine) {
        int token = rawLine.indexOf(LogLine.TOKEN + " ");
        Matcher m = STAMP.matcher(token < 0 ? rawLine : rawLine.substring(0, token));
        if (!m.find()) {
            return Optional.empty();
        }
        String zone = m.group(4);
        if (zone.length() == 5) {
            zone = zone.substring(0, 3) + ":" + zone.substring(3); // +0000 -> +00:00
        }
        String fraction = m.group(3) == null ? "" : m.group(3);
        try {
            return Optional.of(OffsetDateTime.parse(m.group(1) + "T" + m.group(2) + fraction + zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
