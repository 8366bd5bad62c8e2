package dev.schemaguard.internal.liquibase;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.changelog.ChangeSetMigration;
import dev.schemaguard.internal.changelog.ChangelogLoader;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.io.Sha256;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;

/**
 * Parses a Liquibase changelog (XML, YAML, JSON or formatted SQL) with Liquibase's own parser.
 * The file is opened through a resource accessor rooted at its folder and named by its file
 * name, so the FILENAME Liquibase records is the same wherever the folder is mounted.
 */
public final class LiquibaseChangelogs {
    private LiquibaseChangelogs() {
    }

    public static List<Migration> parse(Path changelogFile) {
        Path folder = changelogFile.toAbsolutePath().getParent();
        String logicalPath = changelogFile.getFileName().toString();
        try (ResourceAccessor accessor = new ConfinedResourceAccessor(folder)) {
            ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(logicalPath, accessor);
            DatabaseChangeLog changeLog = parser.parse(logicalPath, new ChangeLogParameters(), accessor);
            List<Migration> migrations = new ArrayList<>();
            for (ChangeSet changeSet : changeLog.getChangeSets()) {
                Path definedIn = folder.resolve(changeSet.getFilePath()).normalize();
                migrations.add(new ChangeSetMigration(changeSet.getId(), changeSet.getAuthor(), definedIn, changeSet.getFilePath(),
                        Sha256.hex(ChangelogLoader.read(definedIn)), changeSet));
            }
            return migrations;
        } catch (LiquibaseException e) {
            throw new GuardConfigException(changelogFile + ": Liquibase cannot parse this changelog: "
                    + firstLine(e.getMessage()) + ". Fix the changelog, or point changelog: at a folder of .sql files.", e);
        } catch (GuardConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new GuardConfigException(changelogFile + ": cannot read the changelog: " + firstLine(e.getMessage()), e);
        }
    }

    /** An exception's message as a sentence: its first line, without the class names exceptions prefix it with. */
    static String firstLine(String message) {
        String first = message == null ? "(no message)" : message.lines().findFirst().orElse("").strip();
        first = first.replaceAll("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }
}
