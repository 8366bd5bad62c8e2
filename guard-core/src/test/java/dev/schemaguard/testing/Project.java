package dev.schemaguard.testing;

import dev.schemaguard.BootListener;
import dev.schemaguard.BootReport;
import dev.schemaguard.DataExpectations;
import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.LedgerSettings;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.internal.boot.BootRunner;
import dev.schemaguard.internal.time.NanoClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A service's migrations folder, boot manifest and contract, written to a temporary folder. */
public final class Project {
    private final Path migrations;
    private final Path manifest;
    private final List<String> required = new ArrayList<>();
    private String database;
    private FreshDatabase fresh = FreshDatabase.BOOTSTRAP;
    private Duration deadline = Duration.ofSeconds(30);
    private boolean allowGaps;
    private final List<Canary> canaries = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private Double shrinkMaxDrop;
    private Path stampDir;
    private LedgerSettings ledger = LedgerSettings.AUTO;

    public Project(Path folder, String database) {
        this.migrations = folder.resolve("migrations");
        this.manifest = folder.resolve("boot-manifest.txt");
        this.database = database;
        try {
            Files.createDirectories(migrations);
            Files.writeString(manifest, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Project migration(String name, String sql) {
        write(migrations.resolve(name), sql);
        return this;
    }

    /** Allowlists migrations by name (unpinned). */
    public Project allow(String... names) {
        StringBuilder text = new StringBuilder(read(manifest));
        for (String name : names) {
            text.append(name).append('\n');
        }
        write(manifest, text.toString());
        return this;
    }

    public Project manifestText(String text) {
        write(manifest, text);
        return this;
    }

    public Project require(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    public Project fresh(FreshDatabase value) {
        this.fresh = value;
        return this;
    }

    public Project deadline(Duration value) {
        this.deadline = value;
        return this;
    }

    public Project allowGaps(boolean value) {
        this.allowGaps = value;
        return this;
    }

    public Project canary(String table, long minRows) {
        canaries.add(new Canary(table, minRows));
        return this;
    }

    /** Turns the shrink guard on, as {@code shrink_guard: max_drop: <share>}. */
    /** Schemas the contract expects to exist (data.schemas). */
    public Project expectSchemas(String... names) {
        schemas.addAll(List.of(names));
        return this;
    }

    public Project shrinkGuard(double maxDrop) {
        this.shrinkMaxDrop = maxDrop;
        return this;
    }

    public Project stampDir(Path folder) {
        this.stampDir = folder;
        return this;
    }

    public Project ledger(LedgerSettings value) {
        this.ledger = value;
        return this;
    }

    public Project database(String url) {
        this.database = url;
        return this;
    }

    public Path migrations() {
        return migrations;
    }

    public Path manifest() {
        return manifest;
    }

    public GuardConfig config() {
        return config(migrations);
    }

    public GuardConfig config(Path changelog) {
        return GuardConfig.builder().database(database).changelog(changelog).manifest(manifest).required(required)
                .freshDatabase(fresh).deadline(deadline).allowGaps(allowGaps).ledger(ledger)
                .data(new DataExpectations(schemas, canaries, shrinkMaxDrop))
                .integrity(stampDir == null ? IntegritySettings.DEFAULT : new IntegritySettings(IntegritySettings.DEFAULT.mode(),
                        IntegritySettings.DEFAULT.skipAboveBytes(), true, stampDir, false))
                .build();
    }

    public BootReport boot() {
        return SchemaGuard.of(config()).boot();
    }

    /** A boot that reads {@code clock} for all its timings, and tells {@code listener} how it goes. */
    public BootReport boot(BootListener listener, NanoClock clock) {
        return BootRunner.boot(config(), listener, clock);
    }

    public BootReport baseline(String to, boolean dryRun) {
        return SchemaGuard.of(config()).baseline(to, dryRun);
    }

    public BootReport plan() {
        return SchemaGuard.of(config()).plan();
    }

    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the config as a schema-guard.yaml next to the migrations and returns its path. */
    public Path writeYaml(String extra) {
        Path yaml = migrations.getParent().resolve("schema-guard.yaml");
        StringBuilder text = new StringBuilder();
        text.append("database: ").append(database).append('\n');
        text.append("changelog: migrations\nmanifest: boot-manifest.txt\n");
        if (!required.isEmpty()) {
            text.append("required:\n");
            required.forEach(r -> text.append("  - ").append(r).append('\n'));
        }
        text.append("fresh_database: ").append(fresh.name().toLowerCase()).append('\n');
        text.append("deadline: ").append(deadline.toMillis()).append("ms\n");
        text.append(extra);
        write(yaml, text.toString());
        return yaml;
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
