package dev.schemaguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The same N one-statement migrations in each tool's own shape, in {@code <root>/<N>/}: a folder of
 * {@code .sql} files with a boot manifest and a {@code schema-guard.yaml} (Schema Guard), a changelog
 * whose changesets are those same files through {@code <sqlFile>} (Liquibase, which reads and checksums
 * each), and {@code V<n>__t<n>.sql} copies (Flyway). Migration i is identical in every size, so the
 * database of a smaller size is brought to a larger one by applying only the new migrations.
 */
record Scenario(Path folder, int migrations) {

    static Scenario create(Path root, int migrations) throws IOException {
        Path folder = root.resolve(Integer.toString(migrations));
        Scenario scenario = new Scenario(folder, migrations);
        Path done = folder.resolve(".complete");
        if (Files.exists(done)) {
            return scenario;
        }
        Files.createDirectories(scenario.sqlFolder());
        Files.createDirectories(scenario.flywayFolder());
        StringBuilder manifest = new StringBuilder();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog "
                + "xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
                + "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n");
        for (int i = 1; i <= migrations; i++) {
            String name = sqlName(i);
            String statement = statement(i);
            Files.writeString(scenario.sqlFolder().resolve(name), statement);
            Files.writeString(scenario.flywayFolder().resolve("V" + i + "__t" + i + ".sql"), statement);
            manifest.append(name).append('\n');
            xml.append("  <changeSet id=\"").append(name).append("\" author=\"bench\"><sqlFile path=\"sql/").append(name)
                    .append("\" relativeToChangelogFile=\"true\"/></changeSet>\n");
        }
        xml.append("</databaseChangeLog>\n");
        Files.writeString(scenario.manifest(), manifest.toString());
        Files.writeString(scenario.changelog(), xml.toString());
        Files.writeString(done, "");
        return scenario;
    }

    static String sqlName(int i) {
        return String.format("%05d_t%d.sql", i, i);
    }

    /** Additive on SQLite and PostgreSQL alike. */
    static String statement(int i) {
        return "CREATE TABLE IF NOT EXISTS t" + i + " (id INTEGER PRIMARY KEY, v TEXT);\n";
    }

    Path sqlFolder() {
        return folder.resolve("sql");
    }

    Path flywayFolder() {
        return folder.resolve("flyway");
    }

    Path manifest() {
        return folder.resolve("boot-manifest.txt");
    }

    /** Liquibase records the changelog's path relative to its folder, so every size's changesets are the same changesets. */
    Path changelog() {
        return folder.resolve("changelog.xml");
    }

    /**
     * A {@code schema-guard.yaml} for one database, written next to the migrations: the default
     * integrity settings, a deadline long enough for a first boot applying thousands.
     */
    Path guardConfig(String name, String jdbcUrl) throws IOException {
        Path config = folder.resolve("schema-guard-" + name + ".yaml");
        Files.writeString(config, "database: " + jdbcUrl + "\nchangelog: sql\nmanifest: boot-manifest.txt\n"
                + "fresh_database: bootstrap\ndeadline: 30m\n");
        return config;
    }
}
