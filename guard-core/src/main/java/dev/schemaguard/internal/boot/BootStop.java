package dev.schemaguard.internal.boot;

/** Ends the pipeline early with a failure; the runner turns it into the verdict. */
final class BootStop extends RuntimeException {
    private final transient Failure failure;

    BootStop(Failure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    Failure failure() {
        return failure;
    }
}
