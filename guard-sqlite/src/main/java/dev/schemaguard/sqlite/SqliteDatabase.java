package dev.schemaguard.sqlite;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.spi.Dialect;
import dev.schemaguard.spi.IntegritySession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One SQLite database: a file that exists or not, never created unless asked (sqlite-jdbc's default
 * open mode creates missing files; that flag is removed here), or an in-memory database.
 */
final class SqliteDatabase implements Dialect.Database {
    static final String PREFIX = "jdbc:sqlite:";
    /** For a connection opened outside a boot (no budget to derive the wait from): sqlite-jdbc's own default. */
    private static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(3);

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

    /** sqlite-jdbc extracts and loads its native library at the first connection: an in-memory one does it here. */
    @Override
    public void prepare() {
        Prepared.once();
    }

    @Override
    public Connection open(Dialect.Access access, ConnectionSettings settings) throws SQLException {
        return open(access, settings, DEFAULT_LOCK_WAIT);
    }

    /**
     * Opens the file (never creating it unless asked) and reads its header once, so that a file that
     * cannot be read where it lies (WAL mode on a read-only mount, a full disk that cannot grow
     * {@code -shm}) fails here, said plainly. Every lock wait on the connection ends within
     * {@code timeout}. SQLite has no credentials: {@code settings} are ignored.
     */
    @Override
    public Connection open(Dialect.Access access, ConnectionSettings settings, Duration timeout) throws SQLException {
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
        Connection connection;
        try {
            connection = config.createConnection(url);
        } catch (SQLException | LinkageError e) {
            Optional<GuardConfigException> unloadable = NativeLibrary.failure(e);
            if (unloadable.isPresent()) {
                throw unloadable.get();
            }
            throw e;
        }
        try {
            BusyWait.install(connection, timeout);
            if (file != null && Files.exists(file)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA schema_version");
                }
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw file == null ? e : SqliteFaults.explain(e, file);
        }
    }

    /** The processes holding the file's write lock (rollback journal) or its -shm lock (WAL), from /proc/locks. */
    @Override
    public Optional<String> lockHolder() {
        return file == null ? Optional.empty() : LockHolders.of(file.toAbsolutePath());
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

    /** The driver's first connection, made once per class loader (the holder's initialization is the lock). */
    private static final class Prepared {
        static {
            try (Connection memory = new SQLiteConfig().createConnection(PREFIX + ":memory:");
                 Statement statement = memory.createStatement()) {
                statement.execute("PRAGMA schema_version");
            } catch (SQLException | RuntimeException | LinkageError e) {
                // the boot's own connection reports what is wrong (NativeLibrary, for a library the driver cannot load)
            }
        }

        static void once() {
        }
    }
}
