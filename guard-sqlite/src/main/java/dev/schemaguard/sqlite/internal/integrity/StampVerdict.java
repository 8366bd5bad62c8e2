package dev.schemaguard.sqlite.internal.integrity;

/**
 * Whether a trusted stamp vouches for a database file as it is now.
 *
 * @param trusted true only when the file is provably the one that passed the recorded check
 * @param reason  why it is or is not trusted, in words fit for the boot log
 */
public record StampVerdict(boolean trusted, String reason) {

    static StampVerdict trusted(TrustedStamp stamp) {
        return new StampVerdict(true, "unchanged since " + stamp.verifiedBy() + " passed at " + stamp.verifiedAt());
    }

    static StampVerdict notTrusted(String reason) {
        return new StampVerdict(false, reason);
    }
}
