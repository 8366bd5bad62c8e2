package dev.schemaguard.spring;

import dev.schemaguard.BootReport;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.SchemaGuard;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the boot when the context creates it. Boot's database-initialization ordering
 * ({@link SchemaGuardDatabaseInitializerDetector}) creates it before Flyway, Liquibase, JPA's
 * EntityManagerFactory and the JDBC templates, so none of them touches a database the guard refused.
 * A boot that does not pass stops the context with {@link SchemaGuardStartupException}; the
 * distinctive line has already been logged (once) by the library.
 */
public class SchemaGuardInitializer implements InitializingBean {
    private final GuardConfig config;
    private volatile BootReport report;

    public SchemaGuardInitializer(GuardConfig config) {
        this.config = config;
    }

    @Override
    public void afterPropertiesSet() {
        BootReport boot = SchemaGuard.of(config).boot();
        report = boot;
        if (!boot.passed()) {
            throw new SchemaGuardStartupException(boot);
        }
    }

    /** The configuration the boot ran with. */
    public GuardConfig config() {
        return config;
    }

    /** The report of the boot that ran when the context started. */
    public BootReport report() {
        return report;
    }
}
