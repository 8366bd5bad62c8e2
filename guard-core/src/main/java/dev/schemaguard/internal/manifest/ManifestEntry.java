package dev.schemaguard.internal.manifest;

/**
 * One allowlisted migration.
 *
 * @param name  the migration's name
 * @param pin   the SHA-256 (lower-case hex) of the reviewed file's bytes, or null when not pinned
 * @param line  the 1-based line of the entry in the manifest file
 */
public record ManifestEntry(String name, String pin, int line) {
}
