package dev.schemaguard.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLineTest {

    @Test
    void parsesPlainFieldsInOrder() {
        assertEquals(Map.of("result", "FAIL", "code", "CHECKSUM_DRIFT", "applied", "3"),
                BootReport.fields("result=FAIL code=CHECKSUM_DRIFT applied=3"));
    }

    @Test
    void quotedValuesKeepSpacesAndUnescapeQuotesAndBackslashes() {
        Map<String, String> f = BootReport.fields(
                "reason=\"relation \\\"auth.sessions\\\" does not exist\" path=\"C:\\\\data\\\\app db\" x=1");
        assertEquals("relation \"auth.sessions\" does not exist", f.get("reason"));
        assertEquals("C:\\data\\app db", f.get("path"));
        assertEquals("1", f.get("x"));
    }

    @Test
    void emptyQuotedValueAndCommaListsAreValues() {
        Map<String, String> f = BootReport.fields("reason=\"\" missing=0013_a,0014_b");
        assertEquals("", f.get("reason"));
        assertEquals("0013_a,0014_b", f.get("missing"));
    }

    @Test
    void unterminatedQuoteTakesTheRestOfTheLine() {
        assertEquals("cut off here", BootReport.fields("reason=\"cut off here").get("reason"));
    }

    @Test
    void bareWordsAndEmptyKeysAreSkipped() {
        assertEquals(Map.of("a", "1", "b", "2"), BootReport.fields("junk a=1 =x more junk b=2 trailing"));
    }

    @Test
    void formattedPairsRoundTripThroughTheParser() {
        String value = "a \"quoted\" back\\slash = sign";
        assertEquals(value, BootReport.fields(BootReport.field("k", value)).get("k"));
        assertEquals("k=plain", BootReport.field("k", "plain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SCHEMA_GUARD result=FAIL code=DATA_SHRINK boot=0badf00d",
        "2026-01-15T03:00:00.123456789Z SCHEMA_GUARD result=FAIL code=DATA_SHRINK boot=0badf00d",
        "Jan 15 03:00:00 web-1 app[4242]: SCHEMA_GUARD result=FAIL code=DATA_SHRINK boot=0badf00d",
        "03:00:00.123 [main] ERROR dev.schemaguard - SCHEMA_GUARD result=FAIL code=DATA_SHRINK boot=0badf00d",
        "web-2  | SCHEMA_GUARD result=FAIL code=DATA_SHRINK boot=0badf00d\r",
    })
    void findsTheTokenBehindAnyPrefix(String raw) {
        LogLine line = LogLine.parse(raw).orElseThrow();
        assertTrue(line.isVerdict());
        assertEquals("DATA_SHRINK", line.get("code").orElseThrow());
        assertEquals("0badf00d", line.boot().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "plain application log line",
        "SCHEMA_GUARD",
        "SCHEMA_GUARD_ALERT shape=FAIL code=DATA_SHRINK boot=0badf00d",
        "MY_SCHEMA_GUARD result=FAIL",
        "SCHEMA_GUARD hello world",
        "SCHEMA_GUARD =\"\\",
        "\u0000\u0001 SCHEMA_GUARD \"\"\"",
    })
    void junkIsIgnoredWithoutError(String raw) {
        assertFalse(LogLine.parse(raw).isPresent());
    }

    @Test
    void bootStartIsRecognized() {
        LogLine start = LogLine.parse("SCHEMA_GUARD phase=boot status=STARTED boot=1a2b3c4d db=/data/app.db version=1.4.0")
                .orElseThrow();
        assertTrue(start.isBootStart());
        assertFalse(start.isVerdict());
        LogLine phase = LogLine.parse("SCHEMA_GUARD phase=integrity_check status=RUNNING boot=1a2b3c4d elapsed_ms=5000")
                .orElseThrow();
        assertFalse(phase.isBootStart());
    }
}
