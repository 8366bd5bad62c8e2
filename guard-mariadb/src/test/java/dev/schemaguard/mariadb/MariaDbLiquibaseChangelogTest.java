package dev.schemaguard.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.BootReport;
import dev.schemaguard.Code;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.Verdict;
import dev.schemaguard.testing.GuardLines;
import dev.schemaguard.testing.Project;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Liquibase changelog on MariaDB: its changesets are classified by the SQL Liquibase generates for
 * MariaDB, so a createTable applies, and an addColumn on the existing table (generated without
 * ALGORITHM=INSTANT) is refused as a possible table copy.
 */
class MariaDbLiquibaseChangelogTest {
    @TempDir
    Path dir;

    @Test
    void createTableApplies_thenAnAddColumnWithoutAnAlgorithmIsRefusedAsTableCopy() throws Exception {
        MariaDbTestDatabase db = MariaDbServer.shared().newDatabase();
        Path changelog = dir.resolve("db/changelog.xml");
        Files.createDirectories(changelog.getParent());
        try (InputStream in = getClass().getResourceAsStream("/liquibase/changelog.xml")) {
            Files.copy(in, changelog);
        }
        Project project = new Project(dir.resolve("project"), db.url()).manifestText("001-create-users\n");

        BootReport first = SchemaGuard.of(project.config(changelog)).boot();
        assertEquals(Verdict.PASS, first.verdict(), first.line());
        assertEquals(List.of("001-create-users"), db.ledger());
        assertTrue(db.columns("users").containsAll(List.of("id", "email")));

        project.manifestText("001-create-users\n002-add-nickname\n");
        BootReport second = SchemaGuard.of(project.config(changelog)).boot();
        assertEquals(Code.MIGRATION_NOT_ADDITIVE, second.code(), second.line());
        assertTrue(GuardLines.parse(second.line()).get("reason").startsWith("table-copy at changelog.xml:"), second.line());
        assertEquals(List.of("001-create-users"), db.ledger());
    }
}
