package dev.schemaguard.internal.config;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.DataExpectations;
import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfig.FreshDatabase;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.internal.Dialects;
import dev.schemaguard.LedgerSettings;
import dev.schemaguard.internal.data.TableName;
import dev.schemaguard.internal.io.Locations;
import dev.schemaguard.internal.text.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads {@code schema-guard.yaml}. The key names are a public interface. Relative paths resolve
 * against the config file's folder; an unknown key is an error that suggests the closest known one.
 */
public final class ConfigLoader {
    /** The environment variable that overrides {@code database:}. */
    public static final String DATABASE_ENV = "SCHEMA_GUARD_DATABASE";

    static final List<String> KNOWN_KEYS = List.of(
            "database", "changelog", "manifest", "required", "fresh_database", "deadline", "heartbeat", "allow_gaps",
            "integrity", "schemas", "canaries", "shrink_guard", "lock_timeout", "statement_timeout", "ledger",
            "engine_judge");
    static final List<String> INTEGRITY_KEYS = List.of("mode", "skip_above", "stamp", "stamp_dir", "deferred");
    static final List<String> CANARY_KEYS = List.of("table", "min_rows");
    static final List<String> SHRINK_KEYS = List.of("max_drop");
    static final List<String> LEDGER_KEYS = List.of("kind", "table", "column", "record_in");

    private ConfigLoader() {
    }

    public static GuardConfig load(Path file, Map<String, String> environment) {
        return load(file, environment, null);
    }

    /** With a DataSource, {@code database:} is optional: connections come from the DataSource. */
    public static GuardConfig load(Path file, Map<String, String> environment, DataSource dataSource) {
        Path configFile = file.toAbsolutePath().normalize();
        YamlDocument yaml = YamlDocument.read(configFile);
        onlyKnownKeys(yaml, KNOWN_KEYS, "");
        Path folder = configFile.getParent();
        String database = environment.getOrDefault(DATABASE_ENV, yaml.scalar("database"));
        if ((database == null || database.isBlank()) && dataSource == null) {
            throw new GuardConfigException(configFile + ": database: missing. Set a JDBC URL such as "
                    + "'database: jdbc:sqlite:/data/app.db', or pass --database / " + DATABASE_ENV + ".");
        }
        try {
            if (database != null && !database.isBlank() && Dialects.anyInstalled()) {
                Dialects.forUrl(database.trim());
            }
        } catch (GuardConfigException e) {
            // Named where it was written: the file's line, or the environment variable that overrode it.
            throw environment.containsKey(DATABASE_ENV) ? new GuardConfigException(DATABASE_ENV + ": " + e.getMessage())
                    : yaml.error("database", e.getMessage().replaceFirst("^database: ", "").replaceFirst("\\.$", ""));
        }
        return GuardConfig.builder()
                .database(database == null || database.isBlank() ? null : database.trim())
                .dataSource(dataSource)
                .changelog(existingPath(yaml, "changelog", folder, true))
                .manifest(existingPath(yaml, "manifest", folder, false))
                .required(yaml.scalars("required"))
                .freshDatabase(freshDatabase(yaml))
                .deadline(duration(yaml, "deadline", GuardConfig.DEFAULT_DEADLINE))
                .heartbeat(duration(yaml, "heartbeat", GuardConfig.DEFAULT_HEARTBEAT))
                .allowGaps(bool(yaml, "allow_gaps"))
                .integrity(integrity(yaml.mapping("integrity"), folder))
                .data(new DataExpectations(yaml.scalars("schemas"), canaries(yaml), shrinkMaxDrop(yaml.mapping("shrink_guard"))))
                .connection(new ConnectionSettings(null, null,
                        duration(yaml, "lock_timeout", ConnectionSettings.DEFAULT_LOCK_TIMEOUT),
                        duration(yaml, "statement_timeout", ConnectionSettings.DEFAULT_STATEMENT_TIMEOUT)))
                .ledger(ledger(yaml))
                .engineJudge(engineJudge(yaml))
                .source(configFile)
                .build();
    }

    private static void onlyKnownKeys(YamlDocument yaml, List<String> known, String parent) {
        for (String key : yaml.keys()) {
            if (!known.contains(key)) {
                throw yaml.error(parent + key, "unknown key; did you mean '" + parent + ClosestName.to(key, known)
                        + "'? Known keys" + (parent.isEmpty() ? "" : " under " + parent.substring(0, parent.length() - 1)) + ": " + String.join(", ", known));
            }
        }
    }

    private static IntegritySettings integrity(YamlDocument yaml, Path folder) {
        if (yaml == null) {
            return IntegritySettings.DEFAULT;
        }
        onlyKnownKeys(yaml, INTEGRITY_KEYS, "integrity.");
        IntegritySettings d = IntegritySettings.DEFAULT;
        IntegritySettings.Mode mode = d.mode();
        String modeText = yaml.scalar("mode");
        if (modeText != null) {
            try {
                mode = IntegritySettings.Mode.valueOf(modeText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw yaml.error("mode", "'" + modeText + "' is not one of: quick, full, amcheck, check_table, off");
            }
        }
        long skipAbove = d.skipAboveBytes();
        String skipText = yaml.scalar("skip_above");
        if (skipText != null) {
            try {
                skipAbove = IntegritySettings.parseSize(skipText);
            } catch (IllegalArgumentException e) {
                throw yaml.error("skip_above", e.getMessage());
            }
        }
        String stampDir = yaml.scalar("stamp_dir");
        boolean stamp = !yaml.has("stamp") || bool(yaml, "stamp");
        return new IntegritySettings(mode, skipAbove, stamp, stampDir == null ? null : folder.resolve(stampDir).normalize(),
                bool(yaml, "deferred"));
    }

    private static List<Canary> canaries(YamlDocument yaml) {
        List<Canary> canaries = new java.util.ArrayList<>();
        for (YamlDocument item : yaml.mappings("canaries")) {
            onlyKnownKeys(item, CANARY_KEYS, "canaries.");
            String table = item.scalar("table");
            if (table == null || table.isBlank()) {
                throw item.error("table", "each canary needs a table: name (for example 'table: users')");
            }
            if (!TableName.isValid(table.trim())) {
                throw item.error("table", "'" + table + "' is not a plain table name; " + TableName.rule());
            }
            long minRows = 1;
            String min = item.scalar("min_rows");
            if (min != null) {
                try {
                    minRows = Long.parseLong(min.trim());
                } catch (NumberFormatException e) {
                    minRows = -1;
                }
                if (minRows < 0) {
                    throw item.error("min_rows", "'" + min + "' is not a whole number of rows");
                }
            }
            canaries.add(new Canary(table.trim(), minRows));
        }
        return canaries;
    }

    /** {@code ledger: flyway}, or a mapping: {@code kind}, {@code table}, {@code column}, {@code record_in}. */
    private static LedgerSettings ledger(YamlDocument yaml) {
        if (!yaml.has("ledger")) {
            return LedgerSettings.AUTO;
        }
        if (!yaml.isMapping("ledger")) {
            return new LedgerSettings(ledgerKind(yaml, "ledger", yaml.scalar("ledger")), null, null, false);
        }
        YamlDocument ledger = yaml.mapping("ledger");
        onlyKnownKeys(ledger, LEDGER_KEYS, "ledger.");
        LedgerSettings.Kind kind = ledgerKind(ledger, "ledger.kind", ledger.scalar("kind"));
        String recordIn = ledger.scalar("record_in");
        boolean inLiquibase = false;
        if (recordIn != null) {
            String value = recordIn.trim().toLowerCase(Locale.ROOT);
            if (!value.equals("ledger") && !value.equals("databasechangelog")) {
                throw ledger.error("ledger.record_in", "'" + recordIn + "' is not one of: ledger (the kind's own table, the "
                        + "default), databasechangelog");
            }
            inLiquibase = value.equals("databasechangelog") && kind != LedgerSettings.Kind.LIQUIBASE;
        }
        if (ledger.scalar("column") != null && kind != LedgerSettings.Kind.SCHEMA_MIGRATIONS) {
            throw ledger.error("ledger.column", "only kind schema_migrations has a column to name");
        }
        if (kind == LedgerSettings.Kind.AUTO && (ledger.scalar("table") != null || inLiquibase)) {
            throw ledger.error("ledger.kind", "name the kind (liquibase, flyway or schema_migrations) to set table or record_in");
        }
        return new LedgerSettings(kind, ledger.scalar("table"), ledger.scalar("column"), inLiquibase);
    }

    private static LedgerSettings.Kind ledgerKind(YamlDocument yaml, String key, String value) {
        if (value == null) {
            return LedgerSettings.Kind.AUTO;
        }
        try {
            return LedgerSettings.Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw yaml.error(key, "'" + value + "' is not one of: liquibase, flyway, schema_migrations, auto");
        }
    }

    private static Double shrinkMaxDrop(YamlDocument yaml) {
        if (yaml == null) {
            return null;
        }
        onlyKnownKeys(yaml, SHRINK_KEYS, "shrink_guard.");
        String text = yaml.scalar("max_drop");
        if (text == null) {
            throw new GuardConfigException(yaml.file() + ": shrink_guard: needs max_drop, for example 'max_drop: 50%'.");
        }
        try {
            return DataExpectations.parseShare(text);
        } catch (IllegalArgumentException e) {
            throw yaml.error("max_drop", e.getMessage());
        }
    }

    private static Path existingPath(YamlDocument yaml, String key, Path folder, boolean mandatory) {
        String value = yaml.scalar(key);
        if (value == null || value.isBlank()) {
            if (mandatory) {
                throw new GuardConfigException(yaml.file() + ": " + key + ": missing. Name the folder of .sql files "
                        + "or the Liquibase changelog file, relative to this config file.");
            }
            return null;
        }
        Path path;
        try {
            path = Locations.resolve(value, folder, Locations.defaultLoader());
        } catch (GuardConfigException e) {
            throw yaml.error(key, e.getMessage().replaceFirst("\\.$", ""));
        }
        if (!Files.exists(path)) {
            throw yaml.error(key, "'" + value + "' does not exist (resolved to " + path
                    + "); relative paths are resolved against the config file's folder");
        }
        // A device, a FIFO or a socket is never read: /dev/zero would never end, a FIFO would block the boot.
        boolean usable = key.equals("changelog") ? Files.isDirectory(path) || Files.isRegularFile(path) : Files.isRegularFile(path);
        if (!usable) {
            throw yaml.error(key, "'" + value + "' (" + path + ") is not a " + (key.equals("changelog")
                    ? "folder or a changelog file" : "regular file") + "; point it at the file that ships with the migrations");
        }
        return path;
    }

    private static GuardConfig.EngineJudgeMode engineJudge(YamlDocument yaml) {
        String value = yaml.scalar("engine_judge");
        if (value == null) {
            return GuardConfig.EngineJudgeMode.WHEN_POSSIBLE;
        }
        try {
            return GuardConfig.EngineJudgeMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw yaml.error("engine_judge", "'" + value + "' is not one of: when_possible, required");
        }
    }

    private static FreshDatabase freshDatabase(YamlDocument yaml) {
        String value = yaml.scalar("fresh_database");
        if (value == null) {
            return FreshDatabase.FAIL;
        }
        try {
            return FreshDatabase.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw yaml.error("fresh_database", "'" + value + "' is not one of: bootstrap, fail");
        }
    }

    static Duration duration(YamlDocument yaml, String key, Duration fallback) {
        String value = yaml.scalar(key);
        if (value == null) {
            return fallback;
        }
        Duration d;
        try {
            d = DurationText.parse(value);
        } catch (RuntimeException e) {
            d = null;
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw yaml.error(key, "'" + value + "' is not a positive duration; write it like 500ms, 45s, 2m or 1h");
        }
        if (d.compareTo(GuardConfig.LONGEST_DURATION) > 0) {
            throw yaml.error(key, "'" + value + "' is longer than 24h; a boot's budget and timeouts are seconds to minutes");
        }
        return d;
    }

    static boolean bool(YamlDocument yaml, String key) {
        String value = yaml.scalar(key);
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw yaml.error(key, "'" + value + "' is not true or false");
        };
    }
}
