package dev.schemaguard.sqlite.internal.integrity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What a {@link DeferredIntegrityCheck} found.
 *
 * @param database     the checked file
 * @param integrity    the check's result
 * @param checkedState the file as captured just before the check; empty when it could not be read
 */
public record DeferredCheckResult(Path database, IntegrityResult integrity, Optional<FileFingerprint> checkedState) {

    /**
     * On a pass, writes a trusted stamp for the state that was checked (refused when the
     * file changed meanwhile); otherwise writes nothing and says why.
     *
     * @param clock  the wall clock the stamp records its time with
     */
    public StampWriteOutcome refreshStamp(Path stampFile, Clock clock) throws IOException {
        if (!integrity.passed() || checkedState.isEmpty()) {
            return StampWriteOutcome.refused(stampFile, integrity.mode().pragma() + " did not pass: "
                    + integrity.outcome() + " " + integrity.messages());
        }
        return TrustedStamp.write(database, stampFile, checkedState.get(), integrity.mode().pragma(), clock);
    }
}
