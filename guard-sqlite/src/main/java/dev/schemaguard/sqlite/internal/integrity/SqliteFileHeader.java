package dev.schemaguard.sqlite.internal.integrity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of the 100-byte SQLite database header that the guard relies on.
 * Offsets follow https://www.sqlite.org/fileformat.html section 1.3; all integers are big-endian.
 */
record SqliteFileHeader(
        boolean magicValid,
        int rawPageSize,
        int writeVersion,
        int readVersion,
        long fileChangeCounter,
        long inHeaderPageCount,
        long versionValidFor,
        long sqliteVersionNumber) {

    static final int SIZE = 100;
    static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    static SqliteFileHeader parse(byte[] header) {
        if (header.length < SIZE) {
            throw new IllegalArgumentException("an SQLite header is 100 bytes, got " + header.length);
        }
        ByteBuffer b = ByteBuffer.wrap(header); // big-endian by default
        return new SqliteFileHeader(
                Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length),
                Short.toUnsignedInt(b.getShort(16)),
                Byte.toUnsignedInt(b.get(18)),
                Byte.toUnsignedInt(b.get(19)),
                Integer.toUnsignedLong(b.getInt(24)),
                Integer.toUnsignedLong(b.getInt(28)),
                Integer.toUnsignedLong(b.getInt(92)),
                Integer.toUnsignedLong(b.getInt(96)));
    }

    /** The page size in bytes, or 0 when the stored value is not one SQLite accepts. */
    int pageSize() {
        // The value 1 stands for 65536, which does not fit in two bytes.
        int size = rawPageSize == 1 ? 65536 : rawPageSize;
        boolean powerOfTwo = Integer.bitCount(size) == 1;
        return powerOfTwo && size >= 512 && size <= 65536 ? size : 0;
    }

    /**
     * SQLite trusts the in-header page count only when it is non-zero and the change counter
     * equals the version-valid-for number; a legacy writer that does not maintain the count
     * leaves those two fields different, and SQLite then computes the size from the file.
     */
    boolean inHeaderPageCountValid() {
        return inHeaderPageCount != 0 && fileChangeCounter == versionValidFor;
    }

    /** Read and write versions of 2 mean the database is in WAL mode. */
    boolean walMode() {
        return readVersion == 2 || writeVersion == 2;
    }
}
