package dev.schemaguard.internal.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.Code;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a missing schema stops a boot: the rule the PostgreSQL tests can reach only with the real classifier. */
class ExpectedSchemasTest {
    private final ExpectedSchemas schemas = new ExpectedSchemas(List.of("auth", "Notify"));

    @Test
    void aSchemaIsThereWhenListedOrWhenSomethingIsInIt() {
        assertEquals(List.of(), schemas.missingFrom(Set.of("auth", "notify.events")));
        assertEquals(List.of("notify"), schemas.missingFrom(Set.of("auth.sessions", "notify_log")));
    }

    @Test
    void missingAndNotCreated_failsBeforeApplyNamingIt() {
        Failure failure = schemas.beforeApply(Set.of("auth"), Set.of("auth"), true).orElseThrow();

        assertEquals(Code.SCHEMA_MISSING, failure.code());
        assertEquals("notify", failure.details().get("missing"));
    }

    @Test
    void createdByThePlan_isAcceptedOnlyOnABootstrapBoot() {
        Set<String> afterPlan = Set.of("auth", "notify");

        assertTrue(schemas.beforeApply(Set.of("auth"), afterPlan, true).isEmpty());
        assertEquals(Code.SCHEMA_MISSING, schemas.beforeApply(Set.of("auth"), afterPlan, false).orElseThrow().code());
    }

    @Test
    void afterTheApply_aSchemaTheMigrationsDidNotCreate_fails() {
        assertEquals("notify", schemas.afterApply(Set.of("auth")).orElseThrow().details().get("missing"));
        assertTrue(schemas.afterApply(Set.of("auth", "notify")).isEmpty());
    }
}
