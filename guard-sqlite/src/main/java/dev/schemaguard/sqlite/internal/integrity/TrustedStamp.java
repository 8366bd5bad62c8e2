package dev.schemaguard.sqlite.internal.integrity;

import dev.schemaguard.internal.io.AtomicFiles;

import dev.schemaguard.internal.io.Sha256;

import java.io.IOException;

import java.nio.charset.StandardCharsets;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;




import java.time.Clock;
import java.time.Instant;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record, kept next to a database (never inside it), that the file passed an integrity check
 * and has not changed since. The next boot decides in O(1) whether it may skip the check.
 *
 * <p>It errs on the side of checking again: any doubt (no unix attributes, a change too close
 * to the capture to be seen, a hot journal, an unreadable stamp) means "not trusted".
 *
 * @param fingerprint the file as it was when the check started
 * @param verifiedBy  which check passed, e.g. {@code integrity_check}
 * @param verifiedAt  when it passed
 */
public record TrustedStamp(FileFingerprint fingerprint, String verifiedBy, Instant verifiedAt) {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedStamp.class);
    static final String SUFFIX = ".schema-guard-stamp";

    /** {@code <db file name>.schema-guard-stamp} next to the database. */
    public static Path stampFileNextTo(Path db) {
        return db.resolveSibling(db.getFileName() + SUFFIX);
    }

    /**
     * A stamp in a dedicated folder (for a read-only database directory). The name carries a
     * hash of the database's absolute path so two {@code app.db} files never share a stamp.
     */
    public static Path stampFileIn(Path folder, Path db) {
        String pathHash = Sha256.hex(db.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        return folder.resolve(db.getFileName() + "-" + pathHash + SUFFIX);
    }

    /** @return empty when there is no stamp file; throws when it exists but is not a stamp */
    public static Optional<TrustedStamp> read(Path stampFile) throws IOException {
        try {
            return Optional.of(StampCodec.decode(Files.readString(stampFile, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    /** Whether this stamp vouches for {@code db} as it is now. Never throws: doubt means no. */
    public StampVerdict matches(Path db) {
        if (fingerprint.racy()) {
            return StampVerdict.notTrusted("the stamp recorded a file changed within "
                    + FileFingerprint.RACY_WINDOW.toSeconds() + " s of its capture; a later change could be invisible");
        }
        try {
            Optional<String> difference = FileFingerprint.capture(db).differenceFrom(fingerprint);
            return difference.map(StampVerdict::notTrusted).orElseGet(() -> StampVerdict.trusted(this));
        } catch (IOException e) {
            return StampVerdict.notTrusted("cannot read " + db + " to compare it with the stamp: " + e);
        }
    }

    /** Reads the stamp file and compares; a missing or malformed stamp is simply not trusted. */
    public static StampVerdict check(Path db, Path stampFile) {
        try {
            return read(stampFile).map(stamp -> stamp.matches(db))
                    .orElseGet(() -> StampVerdict.notTrusted("no stamp at " + stampFile));
        } catch (IOException e) {
            return StampVerdict.notTrusted("stamp " + stampFile + " is unreadable (" + e.getMessage()
                    + "); delete it, the next passing check writes a new one");
        }
    }

    /**
     * Writes a stamp saying that {@code db}, in the state {@code checked} captured before the
     * check started, passed {@code verifiedBy}. Refuses, and removes any older stamp, when the
     * file is not provably still in that state. The write is atomic: a temporary file in the
     * same folder, flushed, then moved over the old stamp.
     */
    public static StampWriteOutcome write(Path db, Path stampFile, FileFingerprint checked, String verifiedBy, Clock clock)
            throws IOException {
        Optional<String> refusal = refusalFor(db, checked);
        if (refusal.isPresent()) {
            Files.deleteIfExists(stampFile);
            LOG.debug("no trusted stamp written for {}: {}", db, refusal.get());
            return StampWriteOutcome.refused(stampFile, refusal.get());
        }
        TrustedStamp stamp = new TrustedStamp(checked, verifiedBy, clock.instant());
        AtomicFiles.writeString(stampFile, StampCodec.encode(stamp));
        return StampWriteOutcome.written(stampFile);
    }

    private static Optional<String> refusalFor(Path db, FileFingerprint checked) throws IOException {
        if (checked.identity().isEmpty()) {
            return Optional.of("the file system does not report unix:ino/unix:ctime, so a stamp could not"
                    + " tell this file from a restored or rewritten copy; the file will be checked on every boot");
        }
        if (checked.hotJournal()) {
            return Optional.of("a hot rollback journal sits next to the file");
        }
        if (checked.racy()) {
            return Optional.of("the file changed less than " + FileFingerprint.RACY_WINDOW.toSeconds()
                    + " s before the check started; a change in the same clock tick would be invisible");
        }
        return FileFingerprint.capture(db).differenceFrom(checked)
                .map(d -> "the database changed while it was being checked: " + d);
    }
}
