package dev.schemaguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import liquibase.util.LiquibaseUtil;
import org.junit.jupiter.api.Test;

/**
 * Spring Boot 4.0's BOM (imported by this module) manages Liquibase 5.0.x and an older sqlite-jdbc;
 * the parent's pins must still win, and a Liquibase 5 that a user's dependency management brings in
 * stops the start unless accepted.
 */
class LiquibaseVersionTest {

    @Test
    void thisBuildResolvesTheLibrarysLiquibase_notBootsPick() {
        String resolved = LiquibaseUtil.getBuildVersion();

        assertTrue(resolved.startsWith("4.33."), "Liquibase " + resolved + " resolved; Schema Guard stays on 4.33.x (Apache-2.0)");
        assertEquals(TestedVersions.load().liquibase(), resolved);
    }

    @Test
    void liquibase5IsRefusedWithTheFix_unlessTheUserAcceptsIt() {
        TestedVersions tested = TestedVersions.load();

        Optional<String> refusal = tested.liquibaseRefusal("5.0.3", false);

        assertTrue(refusal.isPresent());
        assertTrue(refusal.get().startsWith("Liquibase 5.0.3 is on the class path, but Schema Guard is built and tested on Liquibase 4.33.0"),
                refusal.get());
        assertTrue(refusal.get().contains("<liquibase.version>4.33.0</liquibase.version>"), refusal.get());
        assertTrue(refusal.get().contains("schema-guard.accept-liquibase5=true"), refusal.get());
        assertEquals(Optional.empty(), tested.liquibaseRefusal("5.0.3", true));
        assertEquals(Optional.empty(), tested.liquibaseRefusal("4.31.1", false));
    }
}
