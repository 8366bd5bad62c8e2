package dev.schemaguard.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flyway's names and versions, read as Flyway's ResourceNameParser and MigrationVersion read them. */
class FlywayNameTest {

    @Test
    void versionedName_givesFlywaysVersionAndDescription() {
        FlywayName name = FlywayName.parse("V1_1__Add_user_email.sql").orElseThrow();
        assertEquals("1.1", name.version());
        assertEquals("Add user email", name.description());
    }

    @Test
    void repeatableName_hasNoVersion() {
        assertTrue(FlywayName.parse("R__views.sql").orElseThrow().repeatable());
    }

    @Test
    void namesFlywayDoesNotResolve_areNotFlywayMigrations() {
        for (String name : List.of("001_users.sql", "V__x.sql", "Vabc__x.sql", "V1__x.txt", "R1__x.sql", "U1__undo.sql")) {
            assertTrue(FlywayName.parse(name).isEmpty(), name);
        }
    }

    @Test
    void versionsCompareAsFlywayCompares_partByPart_trailingZerosIgnored() {
        assertEquals(0, FlywayName.compare(parts("1.0"), parts("1")));
        assertEquals(0, FlywayName.compare(parts("1.01"), parts("1_1")));
        assertTrue(FlywayName.compare(parts("10"), parts("9")) > 0, "V10 comes after V9, unlike file-name order");
        assertTrue(FlywayName.compare(parts("1.1"), parts("1.0.9")) > 0);
    }

    @Test
    void checksum_ignoresLineEndsAndAByteOrderMark() {
        assertEquals(FlywayChecksum.of("SELECT 1;\nSELECT 2;\n"), FlywayChecksum.of("\uFEFFSELECT 1;\r\nSELECT 2;\r\n"));
        assertTrue(FlywayChecksum.of("SELECT 1;") != FlywayChecksum.of("SELECT 2;"));
    }

    private static List<BigInteger> parts(String version) {
        return FlywayName.version(version).orElseThrow();
    }
}
