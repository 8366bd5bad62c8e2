package dev.schemaguard.spring;

import dev.schemaguard.GuardConfigException;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's own Liquibase support may run beside the guard, for the service's other changelogs
 * (the guard runs first; both record in DATABASECHANGELOG, each its own changesets). It must never
 * run the guard's changelog: Liquibase would apply what the guard held back (not allowlisted, not
 * additive), so that combination stops the start.
 */
final class LiquibaseCoexistence {
    private LiquibaseCoexistence() {
    }

    static void check(Environment environment, SchemaGuardProperties properties) {
        boolean enabled = environment.getProperty("spring.liquibase.enabled", Boolean.class, true);
        String liquibaseChangelog = environment.getProperty("spring.liquibase.change-log");
        if (enabled && liquibaseChangelog != null && normalized(liquibaseChangelog).equals(normalized(properties.getChangelog()))) {
            throw new GuardConfigException("spring.liquibase.change-log and schema-guard.changelog both name " + properties.getChangelog()
                    + ": Spring's Liquibase would apply every migration the guard holds back. Give Spring's Liquibase only the "
                    + "service's other changelogs, or set spring.liquibase.enabled=false.");
        }
    }

    private static String normalized(String location) {
        return location.trim().replaceFirst("^classpath:/+", "classpath:").replaceFirst("/+$", "");
    }
}
