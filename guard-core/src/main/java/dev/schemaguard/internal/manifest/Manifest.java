package dev.schemaguard.internal.manifest;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.changelog.NamedList;
import dev.schemaguard.internal.io.Utf8Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The boot manifest: the allowlist of migrations that may be applied at boot. One name per line
 * (in double quotes when it has spaces or {@code #}), optionally followed by {@code sha256=<64 hex>};
 * {@code #} starts a comment; blank lines are ignored. Syntax: {@link ManifestLine}.
 *
 * @param file     where it was read from; null for the empty manifest of a config without one
 * @param entries  in file order, duplicates kept (verify reports them)
 */
public record Manifest(Path file, List<ManifestEntry> entries) {
    public Manifest {
        entries = NamedList.of(entries, ManifestEntry::name);
    }

    public static Manifest empty() {
        return new Manifest(null, List.of());
    }

    public static Manifest read(Path file) {
        if (file == null) {
            return empty();
        }
        List<String> lines = Utf8Text.read(file, "the boot manifest").lines().toList();
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ManifestLine.parse(file + ":" + (i + 1), lines.get(i), i + 1).ifPresent(entries::add);
        }
        return new Manifest(file, entries);
    }

    /**
     * Refuses a manifest that lists a name twice: at boot, two entries (perhaps with two pins) leave
     * it unclear which was reviewed. {@code verify} lists every duplicate as a finding instead.
     */
    public Manifest requireUniqueNames() {
        for (ManifestEntry entry : entries) {
            ManifestEntry first = find(entry.name()).orElseThrow();
            if (first != entry) {
                throw new GuardConfigException(file + ":" + entry.line() + ": " + entry.name() + " is already listed at line "
                        + first.line() + ". List each migration once (with its one pin).");
            }
        }
        return this;
    }

    /** The first entry of this name. */
    public Optional<ManifestEntry> find(String name) {
        return ((NamedList<ManifestEntry>) entries).first(name);
    }

    /** Where an entry is, for messages: {@code boot-manifest.txt:3}. */
    public String where(ManifestEntry entry) {
        return (file == null ? "manifest" : file.getFileName().toString()) + ":" + entry.line();
    }
}
