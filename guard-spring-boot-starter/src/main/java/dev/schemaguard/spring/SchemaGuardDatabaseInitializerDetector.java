package dev.schemaguard.spring;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * Tells Spring Boot that {@link SchemaGuardInitializer} initializes the database, the way Boot's own
 * Flyway and Liquibase detectors do. Boot's {@code DatabaseInitializationDependencyConfigurer} then
 * makes every bean that depends on database initialization (JPA's EntityManagerFactory, JdbcTemplate,
 * JdbcClient, jOOQ, {@code @DependsOnDatabaseInitialization} beans) depend on it, and batches the
 * initializers by detector order, each batch depending on the one before: first in order, the guard
 * runs before Flyway, Liquibase and the SQL scripts.
 */
class SchemaGuardDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(SchemaGuardInitializer.class);
    }

    /** Before every other {@link DatabaseInitializerDetector} (Flyway's and Liquibase's are 0 and 1). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
