package dev.schemaguard.bench;

import java.nio.file.Path;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * The baseline: Liquibase's own {@code update} of a changelog, run as a process of its own. On a
 * database where every changeset is already applied it is the no-op boot Schema Guard is compared with.
 */
public final class LiquibaseNoopUpdate {
    private LiquibaseNoopUpdate() {
    }

    /** {@code <database file> <changelog file>}. */
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]).toAbsolutePath();
        Path changelog = Path.of(args[1]).toAbsolutePath();
        Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(changelog.getParent()));
        Scope.child(scope, () -> {
            new CommandScope("update")
                    .addArgumentValue("url", "jdbc:sqlite:" + db)
                    .addArgumentValue("changelogFile", changelog.getFileName().toString())
                    .execute();
        });
    }
}
