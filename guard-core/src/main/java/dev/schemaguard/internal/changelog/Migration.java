package dev.schemaguard.internal.changelog;

import java.nio.file.Path;

/**
 * One migration of the changelog: a plain {@code .sql} file, or a changeset of a Liquibase changelog.
 * Its {@link #name()} is what the manifest, the contract and the ledger's ID column use.
 */
public sealed interface Migration permits SqlFileMigration, ChangeSetMigration {

    String name();

    /** The file that defines it. */
    Path file();

    /** SHA-256 (lower-case hex) of {@link #file()}'s bytes: what a manifest pin is compared with. */
    String sha256();

    /** The ledger's FILENAME: a logical path, never a folder that differs between an image and CI. */
    String ledgerFilename();

    /** The ledger's AUTHOR. */
    String author();

    /** {@code file:line} for messages; the line is relative to the file. */
    default String where(int line) {
        return file().getFileName() + ":" + line;
    }
}
