package dev.schemaguard.sqlite.internal.integrity;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/** Reads and writes the stamp file: a versioned, human-readable properties file. */
final class StampCodec {

    static final String FORMAT = "schema-guard-stamp/1";

    private StampCodec() {
    }

    static String encode(TrustedStamp stamp) throws IOException {
        FileFingerprint f = stamp.fingerprint();
        FileIdentity id = f.identity().orElseThrow();
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("verifiedBy", stamp.verifiedBy());
        p.setProperty("verifiedAt", stamp.verifiedAt().toString());
        p.setProperty("db.path", f.realPath());
        p.setProperty("db.size", Long.toString(f.size()));
        p.setProperty("db.mtimeNanos", Long.toString(f.mtimeNanos()));
        p.setProperty("db.device", Long.toString(id.device()));
        p.setProperty("db.inode", Long.toString(id.inode()));
        p.setProperty("db.ctimeNanos", Long.toString(id.ctimeNanos()));
        p.setProperty("db.header", f.headerHex());
        p.setProperty("db.pageSize", Integer.toString(f.pageSize()));
        p.setProperty("db.firstPageSha256", f.firstPageSha256());
        p.setProperty("db.lastPageSha256", f.lastPageSha256());
        p.setProperty("db.hotJournal", Boolean.toString(f.hotJournal()));
        p.setProperty("db.capturedAt", f.capturedAt().toString());
        WalState wal = f.wal();
        p.setProperty("wal.present", Boolean.toString(wal.present()));
        if (wal.present()) {
            FileIdentity walId = wal.identity().orElseThrow();
            p.setProperty("wal.size", Long.toString(wal.size()));
            p.setProperty("wal.device", Long.toString(walId.device()));
            p.setProperty("wal.inode", Long.toString(walId.inode()));
            p.setProperty("wal.ctimeNanos", Long.toString(walId.ctimeNanos()));
            p.setProperty("wal.header", wal.headerHex());
        }
        StringWriter out = new StringWriter();
        p.store(out, "Written by Schema Guard after an integrity check passed. Delete it to force a check.");
        return out.toString();
    }

    /** @throws IOException naming the field when the text is not a complete stamp */
    static TrustedStamp decode(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException("not a " + FORMAT + " stamp (format=" + p.getProperty("format") + ")");
        }
        try {
            WalState wal = Boolean.parseBoolean(required(p, "wal.present"))
                    ? new WalState(true, longOf(p, "wal.size"), Optional.of(new FileIdentity(longOf(p, "wal.device"),
                            longOf(p, "wal.inode"), longOf(p, "wal.ctimeNanos"))), required(p, "wal.header"))
                    : WalState.ABSENT;
            FileFingerprint f = new FileFingerprint(required(p, "db.path"), longOf(p, "db.size"),
                    longOf(p, "db.mtimeNanos"),
                    Optional.of(new FileIdentity(longOf(p, "db.device"), longOf(p, "db.inode"),
                            longOf(p, "db.ctimeNanos"))),
                    required(p, "db.header"), (int) longOf(p, "db.pageSize"), required(p, "db.firstPageSha256"),
                    required(p, "db.lastPageSha256"), wal, Boolean.parseBoolean(required(p, "db.hotJournal")),
                    Instant.parse(required(p, "db.capturedAt")));
            return new TrustedStamp(f, required(p, "verifiedBy"), Instant.parse(required(p, "verifiedAt")));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IOException("malformed stamp field: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IOException("stamp field " + key + " is missing");
        }
        return value;
    }

    private static long longOf(Properties p, String key) throws IOException {
        return Long.parseLong(required(p, key));
    }
}
