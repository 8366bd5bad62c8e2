package dev.schemaguard;

import dev.schemaguard.internal.boot.BootRunner;
import dev.schemaguard.internal.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Objects;

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
        return new SchemaGuard(ConfigLoader.load(configFile, System.getenv()));
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

    /** What {@link #boot()} would do and the verdict it would reach; changes nothing. */
    public BootReport plan() {
        return BootRunner.plan(config);
    }
}
