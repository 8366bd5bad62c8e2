package dev.schemaguard.internal.ledger;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * DATEEXECUTED read as text, the one form every driver gives: {@code 2026-11-29 21:40:01} (SQLite's
 * CURRENT_TIMESTAMP), with a fraction (PostgreSQL), with a {@code T}, or epoch milliseconds (a
 * SQLite row written through JDBC with the driver's default date class).
 */
final class LedgerDates {
    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private LedgerDates() {
    }

    /** The date, or null when the column is empty or not a date this reads. */
    static LocalDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(value)), ZoneOffset.UTC);
            }
            // Parsed from the start, ignoring what follows the time (a zone offset, if the column has one).
            return LocalDateTime.from(TEXT.parse(value, new ParsePosition(0)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
