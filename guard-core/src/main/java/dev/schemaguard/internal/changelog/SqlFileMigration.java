package dev.schemaguard.internal.changelog;

import java.nio.file.Path;

/**
 * A plain {@code .sql} file of a changelog folder. Its statements are split by Schema Guard, not by
 * Liquibase, so that every statement runs on its own (sqlite-jdbc runs only the first statement of
 * a string) and is classified exactly as it is executed.
 *
 * @param name    the file name: stable wherever the folder is mounted
 * @param file    the file
 * @param script  its text
 * @param sha256  SHA-256 of its bytes
 */
public record SqlFileMigration(String name, Path file, String script, String sha256) implements Migration {
    /** Recorded in the ledger's AUTHOR column for plain .sql migrations. */
    public static final String AUTHOR = "schema-guard";

    @Override
    public String ledgerFilename() {
        return name;
    }

    @Override
    public String author() {
        return AUTHOR;
    }
}
