package dev.schemaguard.spring;

import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.LedgerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code schema-guard.*}: the keys of {@code schema-guard.yaml}, in Spring's kebab-case, with the
 * migrations and the manifest inside the application's jar by default. The database is the
 * application's own DataSource ({@code spring.datasource.*}) unless {@code schema-guard.database} is set.
 */
@ConfigurationProperties("schema-guard")
public class SchemaGuardProperties {
    /** The default changelog: a folder of .sql files packed into the application's jar. */
    public static final String DEFAULT_CHANGELOG = "classpath:db/schema-guard";
    /** The default boot manifest; when it is not there, nothing is allowlisted. */
    public static final String DEFAULT_MANIFEST = "classpath:db/schema-guard/boot-manifest.txt";

    /** Whether the guard runs before the application touches the database. */
    private boolean enabled = true;
    /**
     * JDBC URL of a database to guard instead of the application's DataSource. Leave unset to guard
     * the application's own DataSource (spring.datasource.*), so that the URL is written once.
     */
    private String database;
    /** User for schema-guard.database, when not in the URL. */
    private String user;
    /** Password for schema-guard.database. Never logged. */
    private String password;
    /**
     * A folder of .sql files (applied in file-name order) or a Liquibase changelog file:
     * classpath:..., file:... or a path.
     */
    private String changelog = DEFAULT_CHANGELOG;
    /** The boot manifest (allowlist): classpath:..., file:... or a path. Unset: db/schema-guard/boot-manifest.txt on the class path, if there. */
    private String manifest;
    /** The required-migration contract: names that must be in the ledger after the boot. */
    private List<String> required = new ArrayList<>();
    /** What to do with a database that does not exist yet or holds nothing: fail, or bootstrap a deliberate first boot. */
    private FreshDatabase freshDatabase = FreshDatabase.FAIL;
    /** The whole boot's time budget. */
    private Duration deadline = Duration.ofSeconds(45);
    /** How often a long phase logs a progress line. */
    private Duration heartbeat = Duration.ofSeconds(5);
    /** Apply a migration even when an earlier pending one is held. */
    private boolean allowGaps;
    /**
     * The ledger the database keeps: liquibase (DATABASECHANGELOG, the default here, because Spring's own
     * Flyway or Liquibase may run beside the guard), flyway, schema_migrations, or auto (detect the one
     * known ledger). Adopting Flyway's ledger: set flyway and turn spring.flyway.enabled off (one writer).
     */
    private LedgerSettings.Kind ledger = LedgerSettings.Kind.LIQUIBASE;
    /** PostgreSQL: schemas that must exist. */
    private List<String> schemas = new ArrayList<>();
    /** Tables that must exist and hold data; the health contributor counts them too. */
    private List<Canary> canaries = new ArrayList<>();
    /** PostgreSQL lock_timeout while applying. */
    private Duration lockTimeout = Duration.ofSeconds(5);
    /** PostgreSQL statement_timeout while applying. */
    private Duration statementTimeout = Duration.ofSeconds(30);
    /**
     * MariaDB: what to do with a migration the engine's second judge cannot judge (no right to create its scratch
     * database, a migration that names another database): when_possible applies it on the classifier's word with a
     * warning; required refuses it.
     */
    private GuardConfig.EngineJudgeMode engineJudge = GuardConfig.EngineJudgeMode.WHEN_POSSIBLE;
    /**
     * Start on Liquibase 5 (Functional Source License, untested with Schema Guard) when the
     * application's dependency management picks it. Off: the start is refused with the fix.
     */
    private boolean acceptLiquibase5;
    private final Integrity integrity = new Integrity();
    private final ShrinkGuard shrinkGuard = new ShrinkGuard();

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getDatabase() { return database; }
    public void setDatabase(String database) { this.database = database; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getChangelog() { return changelog; }
    public void setChangelog(String changelog) { this.changelog = changelog; }
    public String getManifest() { return manifest; }
    public void setManifest(String manifest) { this.manifest = manifest; }
    public List<String> getRequired() { return required; }
    public void setRequired(List<String> required) { this.required = required; }
    public GuardConfig.EngineJudgeMode getEngineJudge() { return engineJudge; }
    public void setEngineJudge(GuardConfig.EngineJudgeMode engineJudge) { this.engineJudge = engineJudge; }
    public FreshDatabase getFreshDatabase() { return freshDatabase; }
    public void setFreshDatabase(FreshDatabase freshDatabase) { this.freshDatabase = freshDatabase; }
    public Duration getDeadline() { return deadline; }
    public void setDeadline(Duration deadline) { this.deadline = deadline; }
    public Duration getHeartbeat() { return heartbeat; }
    public void setHeartbeat(Duration heartbeat) { this.heartbeat = heartbeat; }
    public LedgerSettings.Kind getLedger() { return ledger; }
    public void setLedger(LedgerSettings.Kind ledger) { this.ledger = ledger; }
    public boolean isAllowGaps() { return allowGaps; }
    public void setAllowGaps(boolean allowGaps) { this.allowGaps = allowGaps; }
    public List<String> getSchemas() { return schemas; }
    public void setSchemas(List<String> schemas) { this.schemas = schemas; }
    public List<Canary> getCanaries() { return canaries; }
    public void setCanaries(List<Canary> canaries) { this.canaries = canaries; }
    public Duration getLockTimeout() { return lockTimeout; }
    public void setLockTimeout(Duration lockTimeout) { this.lockTimeout = lockTimeout; }
    public Duration getStatementTimeout() { return statementTimeout; }
    public void setStatementTimeout(Duration statementTimeout) { this.statementTimeout = statementTimeout; }
    public boolean isAcceptLiquibase5() { return acceptLiquibase5; }
    public void setAcceptLiquibase5(boolean acceptLiquibase5) { this.acceptLiquibase5 = acceptLiquibase5; }
    public Integrity getIntegrity() { return integrity; }
    public ShrinkGuard getShrinkGuard() { return shrinkGuard; }

    /** Size-aware integrity checking (SQLite; amcheck on PostgreSQL). */
    public static class Integrity {
        /** quick (PRAGMA quick_check), full (integrity_check), amcheck (PostgreSQL) or off. */
        private IntegritySettings.Mode mode = IntegritySettings.Mode.QUICK;
        /** No check at boot at or above this size: KB/MB/GB are 1000^n bytes, KiB/MiB/GiB 1024^n, as in schema-guard.yaml. */
        private String skipAbove = "5GB";
        /** Trust a file already verified and unchanged since. */
        private boolean stamp = true;
        /** Where stamps and shrink-guard counts are kept; unset: next to the database file. */
        private Path stampDir;
        /** When skipped for size, run the full check in the background after the start. */
        private boolean deferred;

        public IntegritySettings.Mode getMode() { return mode; }
        public void setMode(IntegritySettings.Mode mode) { this.mode = mode; }
        public String getSkipAbove() { return skipAbove; }
        public void setSkipAbove(String skipAbove) { this.skipAbove = skipAbove; }
        public boolean isStamp() { return stamp; }
        public void setStamp(boolean stamp) { this.stamp = stamp; }
        public Path getStampDir() { return stampDir; }
        public void setStampDir(Path stampDir) { this.stampDir = stampDir; }
        public boolean isDeferred() { return deferred; }
        public void setDeferred(boolean deferred) { this.deferred = deferred; }
    }

    /** A table that must exist and hold at least min-rows rows. */
    public static class Canary {
        /** The table, optionally schema-qualified. */
        private String table;
        /** The fewest rows it may hold. */
        private long minRows = 1;

        public String getTable() { return table; }
        public void setTable(String table) { this.table = table; }
        public long getMinRows() { return minRows; }
        public void setMinRows(long minRows) { this.minRows = minRows; }
    }

    /** Canary row counts may not drop by more than this since the last PASS. */
    public static class ShrinkGuard {
        /** The largest drop allowed, like 50% or 0.5; unset: off. */
        private String maxDrop;

        public String getMaxDrop() { return maxDrop; }
        public void setMaxDrop(String maxDrop) { this.maxDrop = maxDrop; }
    }
}
