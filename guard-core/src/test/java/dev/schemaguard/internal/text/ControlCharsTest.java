package dev.schemaguard.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.Code;
import dev.schemaguard.internal.report.GuardLog;
import dev.schemaguard.internal.report.Redactor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No input byte reaches a line raw: NUL, ESC and the other C0 and C1 controls are written as \xHH. */
class ControlCharsTest {
    private static final String NASTY = "002\u0000\u0001\u001b[31m\u0007\u007f\u009b\ttab\nline.sql";

    @Test
    void everyControlCharacterIsEscaped_andPrintableUnicodeIsKept() {
        assertEquals("002\\x00\\x01\\x1b[31m\\x07\\x7f\\x9b\\x09tab\\x0aline.sql", ControlChars.escape(NASTY));
        assertEquals("003 añadir tablä.sql 测试", ControlChars.escape("003 añadir tablä.sql 测试"));
    }

    @Test
    void aLogfmtValueWithControlCharacters_isQuotedEscapedAndParsesBackToTheSameValue() {
        String pair = Logfmt.pair("migration", NASTY);

        assertEquals(-1, ControlChars.indexOfControl(pair), pair);
        assertTrue(pair.startsWith("migration=\""), pair);
        assertEquals(NASTY, Logfmt.parse(pair).get("migration"));
    }

    @Test
    void theVerdictLine_holdsNoControlCharacter_whateverTheInput() {
        GuardLog log = new GuardLog(Redactor.forUrl("jdbc:sqlite:/tmp/x.db", List.of()), "0badf00d");

        String line = log.verdict(Code.MANIFEST_UNKNOWN_MIGRATION, "jdbc:sqlite:/tmp/\u001b]0;x\u0007.db", 0, 1, "ok", 5,
                Map.of("migration", NASTY, "reason", "not in changelog"));

        assertEquals(-1, ControlChars.indexOfControl(line), line);
        assertFalse(line.contains("\n"), line);
        assertEquals(NASTY, Logfmt.parse(line).get("migration"));
    }
}
