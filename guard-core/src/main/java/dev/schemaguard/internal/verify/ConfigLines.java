package dev.schemaguard.internal.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds where a required migration is listed in the config file, so findings can name its file and line. */
final class ConfigLines {
    private final Path file;
    private final List<String> lines;

    ConfigLines(Path file) {
        this.file = file;
        List<String> read;
        try {
            read = file == null ? List.of() : Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            read = List.of();
        }
        this.lines = read;
    }

    /** The config file; null for a configuration built in code. */
    Path file() {
        return file;
    }

    /** The line listing {@code name} under {@code required:}, from 1; 0 when it is not found. */
    int lineOf(String name) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("-") && line.substring(1).strip().replaceAll("^[\"']|[\"']$", "").equals(name)) {
                return i + 1;
            }
        }
        return 0;
    }
}
