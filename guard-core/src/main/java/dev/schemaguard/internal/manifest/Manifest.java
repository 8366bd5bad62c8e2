package dev.schemaguard.internal.manifest;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.changelog.NamedList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The boot manifest: the allowlist of migrations that may be applied at boot. One name per line,
 * optionally followed by {@code sha256=<64 hex>}; {@code #} starts a comment; blank lines are ignored.
 *
 * @param file     where it was read from; null for the empty manifest of a config without one
 * @param entries  in file order, duplicates kept (verify reports them)
 */
public record Manifest(Path file, List<ManifestEntry> entries) {
    private static final Pattern ENTRY = Pattern.compile("(\\S+)(?:\\s+sha256=([0-9a-fA-F]{64}))?");

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
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GuardConfigException(file + ": cannot read the boot manifest: " + e.getMessage());
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int hash = text.indexOf('#');
            text = (hash >= 0 ? text.substring(0, hash) : text).strip();
            if (text.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(text);
            if (!m.matches()) {
                throw new GuardConfigException(file + ":" + (i + 1) + ": cannot read '" + text + "'. Write one migration "
                        + "name per line, optionally followed by sha256=<64 hex digits of the reviewed file>.");
            }
            String pin = m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT);
            entries.add(new ManifestEntry(m.group(1), pin, i + 1));
        }
        return new Manifest(file, entries);
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
