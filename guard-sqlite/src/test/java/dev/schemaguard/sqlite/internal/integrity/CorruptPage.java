package dev.schemaguard.sqlite.internal.integrity;

import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damages one b-tree page of a closed database the way a bad disk sector would. */
record CorruptPage(long page) {

    /**
     * Overwrites the cell pointer array of an index's root page (sqlite_master.rootpage) with
     * pointers far outside the page, leaving the page header intact.
     */
    static CorruptPage scribbleOnIndexRoot(Path db, String indexName) throws Exception {
        long root = TestDatabases.queryLong(db, "SELECT rootpage FROM sqlite_master WHERE name = '" + indexName + "'");
        long pageSize = TestDatabases.queryLong(db, "PRAGMA page_size");
        try (RandomAccessFile raf = new RandomAccessFile(db.toFile(), "rw")) {
            long pageStart = (root - 1) * pageSize;
            raf.seek(pageStart);
            int type = raf.readUnsignedByte();
            int headerSize = type == 0x02 || type == 0x05 ? 12 : 8; // interior pages carry a right pointer
            raf.seek(pageStart + 3);
            int cells = raf.readUnsignedShort();
            raf.seek(pageStart + headerSize);
            for (int i = 0; i < Math.min(cells, 8); i++) {
                raf.writeShort(0xFFF0 - i * 16); // beyond the end of any 4096-byte page
            }
        }
        return new CorruptPage(root);
    }
}
