package dev.schemaguard.spring;

import dev.schemaguard.GuardConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import liquibase.util.LiquibaseUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the Liquibase and sqlite-jdbc on the application's class path with the versions this
 * starter was built and tested on. Spring Boot 4.0's dependency management replaces both (Liquibase
 * 4.33 by 5.0, which is under the Functional Source License, not Apache-2.0): Liquibase 5 stops the
 * start unless the user accepts it; any other difference is a warning.
 */
final class TestedVersions {
    private static final Logger LOG = LoggerFactory.getLogger(TestedVersions.class);
    private static final String FILE = "schema-guard-tested-versions.properties";
    private static final String SQLITE_POM = "META-INF/maven/org.xerial/sqlite-jdbc/pom.properties";

    private final String liquibase;
    private final String sqliteJdbc;

    private TestedVersions(String liquibase, String sqliteJdbc) {
        this.liquibase = liquibase;
        this.sqliteJdbc = sqliteJdbc;
    }

    static TestedVersions load() {
        Properties tested = properties(TestedVersions.class.getClassLoader(), FILE);
        return new TestedVersions(tested.getProperty("liquibase"), tested.getProperty("sqlite-jdbc"));
    }

    String liquibase() {
        return liquibase;
    }

    /** Refuses Liquibase 5 unless accepted; warns about any other untested version. */
    void check(boolean acceptLiquibase5, ClassLoader loader) {
        String foundLiquibase = LiquibaseUtil.getBuildVersion();
        liquibaseRefusal(foundLiquibase, acceptLiquibase5).ifPresent(refusal -> {
            throw new GuardConfigException(refusal);
        });
        if (!liquibase.equals(foundLiquibase)) {
            LOG.warn("Liquibase {} is on the class path; Schema Guard is tested on {}. Pin it: <liquibase.version>{}</liquibase.version>.",
                    foundLiquibase, liquibase, liquibase);
        }
        String foundSqlite = properties(loader, SQLITE_POM).getProperty("version");
        if (foundSqlite != null && !foundSqlite.equals(sqliteJdbc)) {
            LOG.warn("sqlite-jdbc {} is on the class path; Schema Guard is tested on {}. Pin it: <sqlite-jdbc.version>{}</sqlite-jdbc.version>.",
                    foundSqlite, sqliteJdbc, sqliteJdbc);
        }
    }

    /** Why a Liquibase version may not run, or empty when it may. */
    Optional<String> liquibaseRefusal(String found, boolean accepted) {
        if (major(found) < 5 || accepted) {
            return Optional.empty();
        }
        return Optional.of("Liquibase " + found + " is on the class path, but Schema Guard is built and tested on Liquibase "
                + liquibase + " (Apache-2.0); Liquibase 5 is under the Functional Source License and untested here. Spring Boot's "
                + "dependency management picks it: with spring-boot-starter-parent set the property <liquibase.version>" + liquibase
                + "</liquibase.version> (with Boot's BOM imported, manage org.liquibase:liquibase-core " + liquibase
                + " before it), or set schema-guard.accept-liquibase5=true to run on Liquibase 5 knowingly.");
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.')));
        } catch (RuntimeException e) {
            return 0; // an unreadable version is not a reason to refuse; the warning names it
        }
    }

    private static Properties properties(ClassLoader loader, String resource) {
        Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
