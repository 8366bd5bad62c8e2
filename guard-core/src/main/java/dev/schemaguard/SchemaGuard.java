package dev.schemaguard;

import dev.schemaguard.internal.boot.BootRunner;
import dev.schemaguard.internal.boot.DeferredIntegrity;
import dev.schemaguard.internal.config.ConfigLoader;
import dev.schemaguard.internal.verify.Verifier;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The entry point. A service calls it before it opens its pool:
 *
 * <pre>{@code
 * SchemaGuard.fromConfigFile(Path.of("schema-guard.yaml")).bootOrThrow();
 * }</pre>
 *
 * Every boot logs one distinctive line through the SLF4J logger {@code dev.schemaguard} and
 * returns (or throws with) an immutable {@link BootReport}.
 */
public final class SchemaGuard {
    private final GuardConfig config;

    private SchemaGuard(GuardConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A guard for a configuration built in code. */
    public static SchemaGuard of(GuardConfig config) {
        return new SchemaGuard(config);
    }

    /**
     * A guard for a {@code schema-guard.yaml}; {@code SCHEMA_GUARD_DATABASE} in the environment
     * overrides its {@code database:}.
     *
     * @throws GuardConfigException naming the file, line and fix when the configuration is wrong
     */
    public static SchemaGuard fromConfigFile(Path configFile) {
        return new SchemaGuard(ConfigLoader.load(configFile, System.getenv(), null));
    }

    /**
     * A guard for a {@code schema-guard.yaml} that works through the service's own DataSource (its
     * pool), so that {@code database:} may be left out: the URL is written once, where the pool is
     * configured. A {@code database:} that is there still names the database in the line.
     *
     * @throws GuardConfigException naming the file, line and fix when the configuration is wrong
     */
    public static SchemaGuard fromConfigFile(Path configFile, DataSource dataSource) {
        return new SchemaGuard(ConfigLoader.load(configFile, System.getenv(), Objects.requireNonNull(dataSource, "dataSource")));
    }

    public GuardConfig config() {
        return config;
    }

    /** Checks the contract, applies what the manifest allows and is additive, and reports. Never throws for a failed boot. */
    public BootReport boot() {
        return BootRunner.boot(config);
    }

    /**
     * {@link #boot()}, with a listener that hears each progress line and the verdict: for example
     * {@code BootListener.statusFile(path)} for a sidecar, or your own metrics.
     */
    public BootReport boot(BootListener listener) {
        return BootRunner.boot(config, listener);
    }

    /** {@link #boot()}, throwing when the verdict is not PASS. */
    public BootReport bootOrThrow() {
        BootReport report = boot();
        if (!report.passed()) {
            throw new SchemaGuardException(report);
        }
        return report;
    }

    /**
     * The full integrity check on a separate read-only connection, whatever the file's size: the
     * deferred check that a boot skipped, for cron. A pass refreshes the trusted stamp.
     */
    public BootReport checkIntegrity() {
        return DeferredIntegrity.checkIntegrity(config);
    }

    /**
     * Verifies, without a database, that the manifest and migrations satisfy the contract: every
     * finding, not just the first. With {@code simulateFreshUrl}, also boots the configuration on
     * that brand-new empty database and reports a boot that does not pass as a finding.
     *
     * @param requirePins       an unpinned manifest entry is a finding
     * @param simulateFreshUrl  JDBC URL of an empty database to boot against, or null for none
     */
    public VerifyReport verify(boolean requirePins, String simulateFreshUrl) {
        java.util.List<Finding> findings = new java.util.ArrayList<>(Verifier.verify(config, requirePins));
        BootReport simulated = null;
        if (simulateFreshUrl != null) {
            // Canaries describe production data; a database created a moment ago has none.
            GuardConfig fresh = config.toBuilder().database(simulateFreshUrl).dataSource(null)
                    .freshDatabase(FreshDatabase.BOOTSTRAP).data(DataExpectations.NONE).build();
            simulated = BootRunner.boot(fresh);
            if (!simulated.passed()) {
                findings.add(new Finding("simulate-fresh", "fresh database", "a boot on a brand-new empty database ends "
                        + simulated.verdict() + " " + simulated.code() + ": " + simulated.message()));
            }
        }
        return new VerifyReport(findings, simulated);
    }

    /**
     * Adopts a database that already holds the schema: records the migrations up to {@code to} (all when
     * null) as applied, in the ledger the service keeps, but only after checking in the database's catalog
     * that each one's tables, columns, indexes and views are there as it would create them. If any is not,
     * the report names the missing object and nothing is recorded ({@link Code#BASELINE_MISMATCH}). Never
     * on a database that does not exist or is empty.
     *
     * @param to      the last migration to record: its name, or the version the ledger records; null for all
     * @param dryRun  only report what would be recorded and why; changes nothing
     */
    public BootReport baseline(String to, boolean dryRun) {
        return BootRunner.baseline(config, to, dryRun);
    }

    /** What {@link #boot()} would do and the verdict it would reach; changes nothing. */
    public BootReport plan() {
        return BootRunner.plan(config);
    }
}
