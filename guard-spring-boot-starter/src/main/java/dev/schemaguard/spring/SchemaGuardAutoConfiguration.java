package dev.schemaguard.spring;

import dev.schemaguard.BootListener;
import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.DataPathProbe;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.SchemaGuard;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Runs Schema Guard against the application's DataSource before anything else uses the database.
 * The ordering is Spring Boot's own for database initializers (see
 * {@link SchemaGuardDatabaseInitializerDetector}); Actuator's health, endpoint and metrics come when
 * Actuator and Micrometer are on the class path.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(SchemaGuard.class)
@ConditionalOnBooleanProperty(name = "schema-guard.enabled", matchIfMissing = true)
@Conditional(SchemaGuardAutoConfiguration.DatabaseCondition.class)
@EnableConfigurationProperties(SchemaGuardProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class SchemaGuardAutoConfiguration {

    @Bean
    SchemaGuardInitializer schemaGuardInitializer(SchemaGuardProperties properties, ObjectProvider<DataSource> dataSource,
                                                  ResourceLoader resources, Environment environment) {
        DataSource pool = properties.getDatabase() == null ? dataSource.getIfUnique() : null;
        String url = pool == null ? null : JdbcUrls.of(pool);
        try {
            TestedVersions.load().check(properties.isAcceptLiquibase5(), resources.getClassLoader());
            Coexistence.check(environment, properties);
            return new SchemaGuardInitializer(GuardConfigs.from(properties, pool, url, resources));
        } catch (GuardConfigException e) {
            // A wrong setting ends like any refused boot: one CONFIG_INVALID line that the watchdogs
            // match, then the failure analysis; the context does not start.
            SchemaGuard.reportFailure(e, properties.getDatabase() != null ? properties.getDatabase() : url, BootListener.NONE);
            throw e;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        @Bean
        SchemaGuardHealthIndicator schemaGuardHealthIndicator(SchemaGuardInitializer guard) {
            return new SchemaGuardHealthIndicator(guard, probe(guard.config()));
        }

        /** The probe reads through the same pool as requests do; canaries with min-rows 0 only prove a table exists, at boot. */
        private static DataPathProbe probe(GuardConfig config) {
            List<Canary> canaries = config.data().canaries().stream().filter(c -> c.minRows() >= 1).toList();
            if (canaries.isEmpty()) {
                return null;
            }
            return config.dataSource() != null ? DataPathProbe.of(config.dataSource(), canaries) : DataPathProbe.of(config.database(), canaries);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    static class Actuator {
        @Bean
        SchemaGuardEndpoint schemaGuardEndpoint(SchemaGuardInitializer guard) {
            return new SchemaGuardEndpoint(guard);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {
        @Bean
        SchemaGuardMetrics schemaGuardMetrics(SchemaGuardInitializer guard) {
            return new SchemaGuardMetrics(guard);
        }
    }

    /** The application's DataSource, or a database of the guard's own (schema-guard.database). */
    static final class DatabaseCondition extends AnyNestedCondition {
        DatabaseCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class ApplicationDataSource {
        }

        @ConditionalOnProperty(prefix = "schema-guard", name = "database")
        private static final class OwnDatabase {
        }
    }
}
