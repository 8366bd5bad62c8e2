package dev.schemaguard.internal.changelog;

import java.nio.file.Path;

/**
 * A changeset of a Liquibase changelog (XML, YAML or formatted SQL). Its statements are the SQL
 * that Liquibase generates for the target database, so the classifier sees what will run.
 *
 * @param name            the changeset id
 * @param author          the changeset author
 * @param file            the changelog file that defines it
 * @param ledgerFilename  its path relative to the changelog's folder, as Liquibase records it
 * @param sha256     SHA-256 of that file's bytes
 * @param changeSet  Liquibase's {@code liquibase.changelog.ChangeSet}; typed as Object so that the
 *                   fast path never loads Liquibase classes
 */
public record ChangeSetMigration(String name, String author, Path file, String ledgerFilename, String sha256, Object changeSet)
        implements Migration {
}
