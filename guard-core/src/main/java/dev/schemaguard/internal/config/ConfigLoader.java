package dev.schemaguard.internal.config;

import dev.schemaguard.FreshDatabase;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.text.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code schema-guard.yaml}. The key names are a public interface. Relative paths resolve
 * against the config file's folder; an unknown key is an error that suggests the closest known one.
 */
public final class ConfigLoader {
    /** The environment variable that overrides {@code database:}. */
    public static final String DATABASE_ENV = "SCHEMA_GUARD_DATABASE";

    static final List<String> KNOWN_KEYS = List.of(
            "database", "changelog", "manifest", "required", "fresh_database", "deadline", "heartbeat", "allow_gaps");

    private ConfigLoader() {
    }

    public static GuardConfig load(Path file, Map<String, String> environment) {
        Path configFile = file.toAbsolutePath().normalize();
        YamlDocument yaml = YamlDocument.read(configFile);
        for (String key : yaml.keys()) {
            if (!KNOWN_KEYS.contains(key)) {
                throw yaml.error(key, "unknown key; did you mean '" + ClosestName.to(key, KNOWN_KEYS)
                        + "'? Known keys: " + String.join(", ", KNOWN_KEYS));
            }
        }
        Path folder = configFile.getParent();
        String database = environment.getOrDefault(DATABASE_ENV, yaml.scalar("database"));
        if (database == null || database.isBlank()) {
            throw new GuardConfigException(configFile + ": database: missing. Set a JDBC URL such as "
                    + "'database: jdbc:sqlite:/data/app.db', or pass --database / " + DATABASE_ENV + ".");
        }
        return GuardConfig.builder()
                .database(database.trim())
                .changelog(existingPath(yaml, "changelog", folder, true))
                .manifest(existingPath(yaml, "manifest", folder, false))
                .required(yaml.scalars("required"))
                .freshDatabase(freshDatabase(yaml))
                .deadline(duration(yaml, "deadline", GuardConfig.DEFAULT_DEADLINE))
                .heartbeat(duration(yaml, "heartbeat", GuardConfig.DEFAULT_HEARTBEAT))
                .allowGaps(bool(yaml, "allow_gaps"))
                .source(configFile)
                .build();
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
        Path path = folder.resolve(value.trim()).normalize();
        if (!Files.exists(path)) {
            throw yaml.error(key, "'" + value + "' does not exist (resolved to " + path
                    + "); relative paths are resolved against the config file's folder");
        }
        return path;
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
