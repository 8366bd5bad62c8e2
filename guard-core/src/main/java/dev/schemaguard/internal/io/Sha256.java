package dev.schemaguard.internal.io;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: the form manifest pins are written in. */
public final class Sha256 {
    /**
     * Looked up once and cloned for each hash: a provider lookup per file costs more than hashing a
     * one-line migration, and a boot hashes every file of the changelog.
     */
    private static final MessageDigest PROTOTYPE = lookup();

    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookup();
        }
    }

    private static MessageDigest lookup() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
