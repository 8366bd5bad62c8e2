package dev.schemaguard.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read common shape gives what the formatter gives, for every shape a ledger holds and for near misses. */
class LedgerDatesTest {

    @Test
    void theCommonShapesReadAsTheFormatterReadsThem() {
        List<String> values = new ArrayList<>(List.of(
                "2026-11-29 21:40:01", "2026-11-29T21:40:01", "2026-11-29 21:40:01.5", "2026-11-29 21:40:01.123456",
                "2026-11-29 21:40:01.123456789", "2026-11-29 21:40:01.1234567891", "2026-11-29 21:40:01+01",
                "2026-11-29 21:40:01.25+00:00", "2026-11-29 21:40:01 UTC", "2026-11-29 21:40:01.", "2026-02-30 10:00:00",
                "2026-13-01 10:00:00", "2026-11-29 24:00:00", "2026-11-29  21:40:01", "2026-11-29 T21:40:01",
                "12026-11-29 21:40:01", "2026-1-29 21:40:01", "2026-11-29 21:40", "1764452401000", "not a date",
                "2026-11-29 2a:40:01", "0000-01-01 00:00:00", "9999-12-31 23:59:59.999999999"));
        Random random = new Random(16);
        for (int i = 0; i < 2000; i++) {
            values.add(String.format("%04d-%02d-%02d%s%02d:%02d:%02d%s", random.nextInt(10000), random.nextInt(14), random.nextInt(33),
                    random.nextBoolean() ? " " : "T", random.nextInt(25), random.nextInt(61), random.nextInt(61),
                    random.nextBoolean() ? "" : "." + String.format("%09d", random.nextInt(1_000_000_000)).substring(0, 1 + random.nextInt(9))));
        }
        for (String value : values) {
            assertEquals(LedgerDates.byFormatter(value), LedgerDates.parse(value), value);
        }
    }

    @Test
    void theCommonShapeIsReadWithoutTheFormatter() {
        LocalDateTime read = LedgerDates.commonShape("2026-11-29 21:40:01.25");
        assertNotNull(read);
        assertEquals(LocalDateTime.of(2026, 11, 29, 21, 40, 1, 250_000_000), read);
    }
}
