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
        LocalDateTime common = commonShape(value);
        return common != null ? common : byFormatter(value);
    }

    /** Epoch milliseconds, or the formatter's reading: every shape, slowly. */
    static LocalDateTime byFormatter(String value) {
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

    /**
     * {@code yyyy-MM-dd HH:mm:ss[.fraction]} (or with a {@code T}), the shape nearly every row has, read
     * by hand: every boot reads every row's date, and the formatter costs far more than the digits.
     * Null for any other shape, or a value the formatter alone should judge; then the formatter reads it.
     */
    static LocalDateTime commonShape(String v) {
        if (v.length() < 19 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != ' ' && v.charAt(10) != 'T'
                || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        int nanos = 0;
        int end = 19;
        if (v.length() > 19 && v.charAt(19) == '.') {
            end = 20;
            while (end < v.length() && end < 29 && Character.isDigit(v.charAt(end))) {
                nanos = nanos * 10 + (v.charAt(end) - '0');
                end++;
            }
            if (end == 20) {
                return null;
            }
            for (int i = end; i < 29; i++) {
                nanos *= 10;
            }
        }
        // yyyy is the year of the era, which starts at 1: year 0 is the formatter's to judge (it refuses it).
        if (year < 1 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || end < v.length() && Character.isDigit(v.charAt(end))) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return null; // the formatter decides (it may resolve what LocalDateTime.of refuses)
        }
    }

    /** The ASCII digits from {@code from} to {@code to} as a number, or -1 when one is not a digit. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
