package dev.schemaguard;

/** The outcome of one boot, as printed in the {@code result=} key of the distinctive line. */
public enum Verdict {
    /** The database satisfies the contract; the service may start. */
    PASS,
    /** The database does not satisfy the contract, or the configuration is wrong; the service must not start. */
    FAIL,
    /** The boot ran out of its time budget; the step that was running was interrupted. */
    HANG
}
