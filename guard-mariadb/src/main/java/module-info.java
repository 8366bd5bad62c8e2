/** MariaDB and MySQL for Schema Guard: a {@link dev.schemaguard.spi.Dialect} found by ServiceLoader; it exports nothing. */
module dev.schemaguard.mariadb {
    requires dev.schemaguard.core;
    requires org.mariadb.jdbc;

    provides dev.schemaguard.spi.Dialect with dev.schemaguard.mariadb.MariaDbDialect;
}
