/**
 * Schema Guard's core: the public API ({@code dev.schemaguard}) and the dialect SPI
 * ({@code dev.schemaguard.spi}). Everything under {@code dev.schemaguard.internal} promises nothing;
 * the parts Schema Guard's own dialect modules build on (the SQL toolkit, atomic files, size text, the judges' catalog fingerprints)
 * are exported to them alone.
 */
@SuppressWarnings("module") // the dialect modules it exports to are built after it
module dev.schemaguard.core {
    requires transitive java.sql;
    requires org.slf4j;
    requires liquibase.core;
    requires org.yaml.snakeyaml;

    exports dev.schemaguard;
    exports dev.schemaguard.spi;
    exports dev.schemaguard.internal.sql to dev.schemaguard.sqlite, dev.schemaguard.postgres, dev.schemaguard.mariadb;
    exports dev.schemaguard.internal.io to dev.schemaguard.sqlite;
    exports dev.schemaguard.internal.locks to dev.schemaguard.postgres, dev.schemaguard.mariadb;
    exports dev.schemaguard.internal.text to dev.schemaguard.sqlite, dev.schemaguard.postgres, dev.schemaguard.mariadb;

    uses dev.schemaguard.spi.Dialect;
}
