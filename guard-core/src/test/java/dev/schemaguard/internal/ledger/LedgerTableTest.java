package dev.schemaguard.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LedgerTableTest {
    private static final String HEX = "0123456789abcdef".repeat(4);

    private static String recorded(String comments) {
        return LedgerTable.recordedSha256(new LedgerRow("001.sql", null, comments, "EXECUTED", null));
    }

    @Test
    void theGuardsOwnCommentGivesTheFilesHash() {
        assertEquals(HEX, recorded("schema-guard sha256=" + HEX));
    }

    @Test
    void aRowAnotherToolWroteHasNoHash() {
        assertNull(recorded(null));
        assertNull(recorded("example comments"));
        assertNull(recorded("sha256=" + HEX.substring(1)));
        assertNull(recorded("sha256=" + HEX.toUpperCase()));
    }

    @Test
    void theFirstWellFormedHashCounts_asThePatternSha256Then64LowerHexDigitsFindsIt() {
        assertEquals(HEX, recorded("sha256=xyz, then sha256=" + HEX));
        assertEquals(HEX, recorded("sha256=" + HEX + "ff"));
        assertEquals(HEX, recorded("sha256=sha256=" + HEX));
    }
}
