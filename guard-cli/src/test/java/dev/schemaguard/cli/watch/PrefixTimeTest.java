package dev.schemaguard.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrefixTimeTest {

    @Test
    void readsDockerAndJournaldIsoStamps() {
        assertEquals(Optional.of(Instant.parse("2026-01-15T03:00:00.123456789Z")),
                PrefixTime.of("2026-01-15T03:00:00.123456789Z SCHEMA_GUARD phase=boot status=STARTED"));
        assertEquals(Optional.of(Instant.parse("2026-01-15T02:00:00Z")),
                PrefixTime.of("2026-01-15T03:00:00+0100 web-1 app[42]: SCHEMA_GUARD result=PASS"));
    }

    @Test
    void ignoresStampsWithoutZoneAndStampsInsideTheFields() {
        assertEquals(Optional.empty(), PrefixTime.of("2026-01-15 03:00:00.123 [main] SCHEMA_GUARD result=PASS"));
        assertEquals(Optional.empty(), PrefixTime.of("SCHEMA_GUARD result=PASS at=2026-01-15T03:00:00Z"));
        assertEquals(Optional.empty(), PrefixTime.of("junk"));
    }
}
