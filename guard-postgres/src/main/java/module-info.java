/** PostgreSQL for Schema Guard: a {@link dev.schemaguard.spi.Dialect} found by ServiceLoader; it exports nothing. */
module dev.schemaguard.postgres {
    requires dev.schemaguard.core;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    provides dev.schemaguard.spi.Dialect with dev.schemaguard.postgres.PostgresDialect;
}
