package dev.schemaguard;

/**
 * One problem {@code verify} found in what a build ships.
 *
 * @param check    stable id of the check (required-not-in-manifest, manifest-pin-mismatch, not-additive, ...)
 * @param where    file:line it is about
 * @param message  what is wrong and how to fix it
 */
public record Finding(String check, String where, String message) {

    @Override
    public String toString() {
        return where + ": " + check + ": " + message;
    }
}
