/** SQLite for Schema Guard: a {@link dev.schemaguard.spi.Dialect} found by ServiceLoader; it exports nothing. */
module dev.schemaguard.sqlite {
    requires dev.schemaguard.core;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;

    provides dev.schemaguard.spi.Dialect with dev.schemaguard.sqlite.SqliteDialect;
}
