package dev.schemaguard.bench;

import java.nio.file.Path;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;

/** Liquibase's own {@code update}, as its API runs it: a no-op when every changeset is applied. */
public final class LiquibaseRun {
    private LiquibaseRun() {
    }

    /** {@code <jdbc url> <changelog file>}. */
    public static void main(String[] args) throws Exception {
        update(args[0], Path.of(args[1]));
    }

    static void update(String url, Path changelog) throws Exception {
        Path file = changelog.toAbsolutePath();
        Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(file.getParent()));
        Scope.child(scope, () -> {
            new CommandScope("update")
                    .addArgumentValue("url", url)
                    .addArgumentValue("changelogFile", file.getFileName().toString())
                    .execute();
        });
    }
}
