package dev.schemaguard.sqlite.internal.integrity;

import java.nio.file.Path;

/**
 * Whether {@link TrustedStamp#write} wrote a stamp. A refused write is normal (the file changed
 * during the check, or changed too recently to be told apart from the next change); the next
 * boot then checks the file again.
 *
 * @param written   whether the stamp file now vouches for the database
 * @param stampFile where the stamp is, or would have been
 * @param reason    why it was not written; empty when written
 */
public record StampWriteOutcome(boolean written, Path stampFile, String reason) {

    static StampWriteOutcome written(Path stampFile) {
        return new StampWriteOutcome(true, stampFile, "");
    }

    static StampWriteOutcome refused(Path stampFile, String reason) {
        return new StampWriteOutcome(false, stampFile, reason);
    }
}
