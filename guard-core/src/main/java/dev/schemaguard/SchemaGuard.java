package dev.schemaguard;

import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.VerifyReport.Finding;
import dev.schemaguard.internal.boot.BootRunner;
import dev.schemaguard.internal.boot.DeferredIntegrity;
import dev.schemaguard.internal.time.NanoClock;
import dev.schemaguard.internal.verify.Artifacts;
import dev.schemaguard.internal.verify.FreshSimulation;
import dev.schemaguard.internal.verify.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
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
    /** This build's version, as boots print it ({@code version=} of the first progress line). */
    public static final String VERSION = "0.1.0";

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
        return new SchemaGuard(GuardConfig.fromFile(configFile).load());
    }

    /**
     * A guard for a {@code schema-guard.yaml} that works through the service's own DataSource (its
     * pool), so that {@code database:} may be left out: the URL is written once, where the pool is
     * configured. A {@code database:} that is there still names the database in the line.
     *
     * @throws GuardConfigException naming the file, line and fix when the configuration is wrong
     */
    public static SchemaGuard fromConfigFile(Path configFile, DataSource dataSource) {
        return new SchemaGuard(GuardConfig.fromFile(configFile).dataSource(Objects.requireNonNull(dataSource, "dataSource")).load());
    }

    /**
     * The report of a run that failed outside a boot: CONFIG_INVALID for a {@link GuardConfigException}
     * (a configuration that could not be loaded), INTERNAL_ERROR for anything else (a defect: please
     * report it). Its distinctive line is logged like any verdict's and {@code listener} hears it, so
     * that a watchdog, a status file and a termination log see every failure. For entry points that
     * load the configuration or do other work around a boot themselves, such as the CLI.
     *
     * @param database  the database to name in the line (secrets are redacted), or null when unknown
     */
    public static BootReport reportFailure(Exception error, String database, BootListener listener) {
        return BootRunner.failedOutsideABoot(error, database, listener);
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
        return DeferredIntegrity.checkIntegrity(config, NanoClock.system());
    }

    /**
     * Verifies, without a database, that the manifest and migrations satisfy the contract: every
     * finding, not just the first. With {@code simulateFreshUrl}, also boots the configuration on
     * that brand-new empty database and reports a boot that does not pass as a finding.
     *
     * @param requirePins       an unpinned manifest entry is an error (otherwise a warning)
     * @param simulateFreshUrl  JDBC URL of an empty database to boot against, or null for none
     */
    public VerifyReport verify(boolean requirePins, String simulateFreshUrl) {
        List<Finding> findings = new ArrayList<>(Verifier.verify(config, requirePins));
        if (simulateFreshUrl == null) {
            return new VerifyReport(findings, null);
        }
        FreshSimulation.Result fresh = FreshSimulation.boot(config, simulateFreshUrl);
        fresh.finding().ifPresent(findings::add);
        return new VerifyReport(findings, fresh.simulated());
    }

    /**
     * {@link #verify(boolean, String)}; with {@code simulateFresh}, the fresh database is a temporary
     * file in place of the configured one (SQLite), deleted afterwards.
     *
     * @throws GuardConfigException when simulating a server database, which needs the URL of an empty one
     */
    public VerifyReport verify(boolean requirePins, boolean simulateFresh) {
        if (!simulateFresh) {
            return verify(requirePins, null);
        }
        List<Finding> findings = new ArrayList<>(Verifier.verify(config, requirePins));
        FreshSimulation.Result fresh = FreshSimulation.bootOnTemporaryFile(config);
        fresh.finding().ifPresent(findings::add);
        return new VerifyReport(findings, fresh.simulated());
    }

    /**
     * Verifies what a built artifact ships rather than the source tree: {@code verifyInside} gets the
     * artifact's root (a folder as it is, a jar unpacked to a temporary folder deleted afterwards),
     * loads the config from there and verifies it. Findings inside a jar are located as
     * {@code service.jar!/db/boot-manifest.txt}.
     */
    public static VerifyReport verifyArtifact(Path artifact, Function<Path, VerifyReport> verifyInside) {
        return Artifacts.verify(artifact, verifyInside);
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
