package dev.schemaguard;

import dev.schemaguard.internal.config.ConfigLoader;
import dev.schemaguard.internal.io.Locations;
import dev.schemaguard.internal.text.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The immutable configuration of one guard. Build it with {@link #builder()} or load it from a
 * {@code schema-guard.yaml} with {@link SchemaGuard#fromConfigFile(Path)}.
 *
 * @param database       JDBC URL of the database (also used to choose the dialect and, redacted, in every line)
 * @param dataSource     where connections come from instead of the URL; may be null
 * @param changelog      a folder of .sql files (applied in file-name order) or a Liquibase changelog file; a
 *                       path in a jar's file system too (see {@link Builder#changelog(String)})
 * @param manifest       the boot manifest; null means an empty allowlist (nothing is applied at boot)
 * @param required       the required-migration contract: names that must be in the ledger after the boot
 * @param freshDatabase  what to do with a database that does not exist yet
 * @param deadline       the whole boot's time budget
 * @param heartbeat      how often a long phase prints a progress line
 * @param allowGaps      apply a migration even when an earlier pending one is held
 * @param integrity      size-aware integrity checking
 * @param data           schemas and canary tables the data must have
 * @param connection     credentials and statement timeouts
 * @param ledger         which ledger the database keeps, and where the guard records what it applies
 * @param engineJudge    what a boot does with a migration the engine's second judge cannot judge (MariaDB, MySQL)
 * @param source         the configuration file it came from, for messages; may be null
 */
public record GuardConfig(String database, DataSource dataSource, Path changelog, Path manifest,
                          List<String> required, FreshDatabase freshDatabase, Duration deadline,
                          Duration heartbeat, boolean allowGaps, IntegritySettings integrity,
                          DataExpectations data, ConnectionSettings connection, LedgerSettings ledger,
                          EngineJudgeMode engineJudge, Path source) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(45);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
    /** The environment variable that overrides {@code database:} of a {@code schema-guard.yaml}. */
    public static final String DATABASE_ENV = ConfigLoader.DATABASE_ENV;
    /** The longest deadline or heartbeat: a boot's budget is seconds to minutes, and a day is already absurd. */
    public static final Duration LONGEST_DURATION = Duration.ofHours(24);

    public GuardConfig {
        Objects.requireNonNull(changelog, "changelog is required");
        if (database == null && dataSource == null) {
            throw new GuardConfigException("database is required: set a JDBC URL (for example jdbc:sqlite:/data/app.db) or pass a DataSource.");
        }
        required = List.copyOf(required);
        Objects.requireNonNull(freshDatabase, "freshDatabase");
        if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(LONGEST_DURATION) > 0) {
            throw new GuardConfigException("deadline must be positive and at most 24h, for example 45s.");
        }
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(engineJudge, "engineJudge");
        if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(LONGEST_DURATION) > 0) {
            throw new GuardConfigException("heartbeat must be positive and at most 24h, for example 5s.");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code file}, a {@code schema-guard.yaml}, with what may override it: the process's
     * environment ({@code SCHEMA_GUARD_DATABASE}) unless another is given, then a database URL and
     * credentials given on a command line. Relative paths in it resolve against its folder.
     */
    public static FileLoader fromFile(Path file) {
        return new FileLoader(Objects.requireNonNull(file, "file"));
    }

    /** Parses a duration as {@code schema-guard.yaml} writes them: {@code 500ms}, {@code 45s}, {@code 10m}, {@code 1h30m}, or ISO-8601. */
    public static Duration parseDuration(String text) {
        return DurationText.parse(text);
    }

    /** A duration in the shortest exact form {@link #parseDuration} reads: {@code 10m}, {@code 90s}, {@code 1500ms}. */
    public static String formatDuration(Duration duration) {
        return DurationText.format(duration);
    }

    /** A copy with another database URL (the CLI's --database and SCHEMA_GUARD_DATABASE). */
    public GuardConfig withDatabase(String url) {
        return toBuilder().database(url).dataSource(null).build();
    }

    /** A copy with other credentials (the CLI's --user, --password-file and PGPASSWORD). */
    public GuardConfig withCredentials(String user, String password) {
        return toBuilder().connection(connection.withCredentials(user, password)).build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder().database(database).dataSource(dataSource).changelog(changelog).manifest(manifest)
                .required(required).freshDatabase(freshDatabase).deadline(deadline).heartbeat(heartbeat)
                .allowGaps(allowGaps).integrity(integrity).data(data).connection(connection).ledger(ledger)
                .engineJudge(engineJudge).source(source);
    }

    /**
     * A {@code schema-guard.yaml} to load, and what overrides it. Precedence for the database:
     * {@link #database(String)}, then {@code SCHEMA_GUARD_DATABASE}, then the file's {@code database:}.
     */
    public static final class FileLoader {
        private final Path file;
        private Map<String, String> environment = System.getenv();
        private DataSource dataSource;
        private String database;
        private String user;
        private String password;

        private FileLoader(Path file) {
            this.file = file;
        }

        /** The environment to read {@code SCHEMA_GUARD_DATABASE} from, instead of the process's. */
        public FileLoader environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Connections come from the service's own pool; {@code database:} may then be left out. */
        public FileLoader dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** A JDBC URL that overrides the file's and the environment's ({@code --database}); null for none. */
        public FileLoader database(String jdbcUrl) {
            this.database = jdbcUrl;
            return this;
        }

        /**
         * Credentials given outside the URL ({@code --user}, {@code --password-file}, {@code PGPASSWORD});
         * either may be null, and a null user keeps the file's. The password is never printed.
         */
        public FileLoader credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws GuardConfigException naming the file, line and fix when the configuration is wrong
         */
        public GuardConfig load() {
            GuardConfig loaded = ConfigLoader.load(file, environment, dataSource);
            if (database != null) {
                loaded = loaded.withDatabase(database);
            }
            String name = user != null ? user : loaded.connection().user();
            return name == null && password == null ? loaded : loaded.withCredentials(name, password);
        }
    }

    /** Fluent construction for library callers; every setter returns this builder. */
    public static final class Builder {
        private String database;
        private DataSource dataSource;
        private Path changelog;
        private Path manifest;
        private List<String> required = List.of();
        private FreshDatabase freshDatabase = FreshDatabase.FAIL;
        private Duration deadline = DEFAULT_DEADLINE;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private boolean allowGaps;
        private IntegritySettings integrity = IntegritySettings.DEFAULT;
        private DataExpectations data = DataExpectations.NONE;
        private ConnectionSettings connection = ConnectionSettings.DEFAULT;
        private LedgerSettings ledger = LedgerSettings.AUTO;
        private EngineJudgeMode engineJudge = EngineJudgeMode.WHEN_POSSIBLE;
        private Path source;

        private Builder() {
        }

        public Builder database(String jdbcUrl) { this.database = jdbcUrl; return this; }
        public Builder dataSource(DataSource dataSource) { this.dataSource = dataSource; return this; }
        public Builder changelog(Path changelog) { this.changelog = changelog; return this; }
        public Builder manifest(Path manifest) { this.manifest = manifest; return this; }

        /**
         * The changelog at a location: {@code classpath:db/migrations} (inside the service's jar, found
         * through the thread's context class loader), {@code file:/app/migrations}, or a plain path.
         *
         * @throws GuardConfigException when a {@code classpath:} resource is not there
         */
        public Builder changelog(String location) {
            return changelog(Locations.resolve(location, null, Locations.defaultLoader()));
        }

        /** The boot manifest at a location, as for {@link #changelog(String)}. */
        public Builder manifest(String location) {
            return manifest(Locations.resolve(location, null, Locations.defaultLoader()));
        }

        public Builder required(List<String> required) { this.required = required; return this; }
        public Builder freshDatabase(FreshDatabase freshDatabase) { this.freshDatabase = freshDatabase; return this; }
        public Builder deadline(Duration deadline) { this.deadline = deadline; return this; }
        public Builder heartbeat(Duration heartbeat) { this.heartbeat = heartbeat; return this; }
        public Builder allowGaps(boolean allowGaps) { this.allowGaps = allowGaps; return this; }
        public Builder integrity(IntegritySettings integrity) { this.integrity = integrity; return this; }
        public Builder data(DataExpectations data) { this.data = data; return this; }
        public Builder connection(ConnectionSettings connection) { this.connection = connection; return this; }
        public Builder ledger(LedgerSettings ledger) { this.ledger = ledger; return this; }
        public Builder engineJudge(EngineJudgeMode engineJudge) { this.engineJudge = engineJudge; return this; }
        public Builder source(Path source) { this.source = source; return this; }

        public GuardConfig build() {
            return new GuardConfig(database, dataSource, changelog, manifest, required, freshDatabase,
                    deadline, heartbeat, allowGaps, integrity, data, connection, ledger, engineJudge, source);
        }
    }

    /**
     * What a boot does with a fresh database: a SQLite file that does not exist, or a database with
     * neither a ledger nor any table of its own (a wiped volume or a re-initialized data directory).
     */
    public enum FreshDatabase {
        /** Create it and apply the allowlisted migrations: the deliberate first boot. */
        BOOTSTRAP,
        /** Refuse with DATABASE_MISSING and create nothing: the default, because a fresh database in production is an accident. */
        FAIL
    }

    /**
     * What a boot does with a migration that the engine's second judge cannot judge. On SQLite and
     * PostgreSQL the judge always runs (it reads the catalog inside the migration's transaction). On
     * MariaDB and MySQL, whose DDL commits on its own, it rehearses the migration on a scratch copy
     * first, which needs the right to create that scratch database and a migration that names no
     * other database ({@code docs/mariadb.md}).
     */
    public enum EngineJudgeMode {
        /**
         * The default: judge where the engine can; otherwise apply the migration on the classifier's
         * word alone, with a warning line saying why and how to enable the second judge.
         */
        WHEN_POSSIBLE,
        /** Fail closed: a migration the engine cannot judge is refused (MIGRATION_NOT_ADDITIVE judge=engine). */
        REQUIRED
    }
}
