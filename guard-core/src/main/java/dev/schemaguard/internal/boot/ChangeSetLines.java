package dev.schemaguard.internal.boot;

import dev.schemaguard.internal.changelog.ChangeSetMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Finds the line where a changeset is declared, so messages can say file:line for it too. */
final class ChangeSetLines {
    private ChangeSetLines() {
    }

    static int lineOf(ChangeSetMigration migration) {
        try {
            List<String> lines = Files.readAllLines(migration.file(), StandardCharsets.UTF_8);
            String xmlOrJson = "\"" + migration.name() + "\"";
            String formattedSql = ":" + migration.name();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.contains(xmlOrJson) || line.contains("'" + migration.name() + "'")
                        || line.strip().startsWith("--changeset") && line.contains(formattedSql)
                        || line.strip().matches("-?\\s*id:\\s*\"?'?" + java.util.regex.Pattern.quote(migration.name()) + "\"?'?\\s*")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            // The line is only for the message; the file was readable when the changelog was parsed.
        }
        return 1;
    }
}
