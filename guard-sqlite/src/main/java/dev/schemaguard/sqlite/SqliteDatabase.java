package dev.schemaguard.sqlite;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.IntegritySession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One SQLite database: a file that exists or not, never created unless asked (sqlite-jdbc's default
 * open mode creates missing files; that flag is removed here), or an in-memory database.
 */
final class SqliteDatabase implements Dialect.Database {
    static final String PREFIX = "jdbc:sqlite:";

    private final String url;
    /** Null for an in-memory database. */
    private final Path file;

    SqliteDatabase(String url) {
        this.url = url;
        this.file = fileOf(url);
    }

    @Override
    public boolean exists() {
        return file == null || Files.exists(file);
    }

    /** SQLite has no credentials: {@code settings} are ignored. */
    @Override
    public Connection open(Dialect.Access access, ConnectionSettings settings) throws SQLException {
        Path folder = file == null ? null : file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            // SQLite cannot create a folder, and the guard does not: a missing data folder is usually
            // a volume that is not mounted, which is exactly what must not be papered over.
            throw new SQLException("the folder " + folder + " of the database does not exist (is its volume mounted?)");
        }
        SQLiteConfig config = new SQLiteConfig();
        switch (access) {
            case READ_ONLY -> config.setReadOnly(true);
            case READ_WRITE -> config.resetOpenMode(SQLiteOpenMode.CREATE);
            case CREATE -> { }
        }
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config.createConnection(url);
    }

    @Override
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public IntegritySession integrity(IntegritySettings settings, Clock clock) {
        return file == null ? IntegritySession.off("an in-memory database has no file to check")
                : new SqliteIntegritySession(file, settings, clock);
    }

    /** The database file of a URL, or null for an in-memory database. */
    static Path fileOf(String jdbcUrl) {
        String rest = jdbcUrl.substring(PREFIX.length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) {
            return null;
        }
        return Path.of(rest);
    }
}
