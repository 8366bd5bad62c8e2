package dev.schemaguard.sqlite.internal.integrity;

/**
 * One thing wrong with a database file that the header probe can see without reading pages.
 *
 * @param code    stable identifier, safe to match on
 * @param message what is wrong, with the numbers, and what to do about it
 */
public record HeaderProblem(Code code, String message) {

    public enum Code {
        /** Between 1 and 99 bytes: too short to hold the header of any SQLite database. */
        SHORTER_THAN_HEADER,
        /** The first 16 bytes are not {@code "SQLite format 3\0"}. */
        BAD_MAGIC,
        /** The page size is not a power of two between 512 and 65536. */
        INVALID_PAGE_SIZE,
        /** The read version is above 2: this SQLite cannot read the file at all. */
        UNREADABLE_FORMAT_VERSION,
        /** The file size is not a whole number of pages. */
        NOT_PAGE_ALIGNED,
        /** The header counts more pages than the file holds and nothing can supply them. */
        TRUNCATED
    }
}
