package dev.schemaguard.spring;

import dev.schemaguard.GuardConfigException;
import org.springframework.core.env.Environment;

/**
 * What may run beside the guard, and what may not. Spring Boot's own Liquibase support may run the
 * service's other changelogs (the guard runs first; both record in DATABASECHANGELOG, each its own
 * changesets), but never the guard's changelog: Liquibase would apply what the guard held back (not
 * allowlisted, not additive). And with {@code spring.jpa.defer-datasource-initialization}, Boot makes
 * every database initializer wait for JPA, so Hibernate would touch the database before the guard.
 * Either combination stops the start with the fix.
 */
final class Coexistence {
    private Coexistence() {
    }

    static void check(Environment environment, SchemaGuardProperties properties) {
        if (environment.getProperty("spring.jpa.defer-datasource-initialization", Boolean.class, false)) {
            throw new GuardConfigException("spring.jpa.defer-datasource-initialization=true makes Spring Boot run every database "
                    + "initializer, Schema Guard included, after JPA has started on the database. Remove it: the guard must run first.");
        }
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
