package dev.schemaguard.internal.io;

import dev.schemaguard.internal.Interruptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: the form manifest pins are written in. */
public final class Sha256 {
    private static final int CHUNK = 1 << 20;
    /**
     * Looked up once and cloned for each hash: a provider lookup per file costs more than hashing a
     * one-line migration, and a boot hashes every file of the changelog.
     */
    private static final MessageDigest PROTOTYPE = lookup();

    private Sha256() {
    }

    /** Digested in chunks, so that hashing a very large file stops when the boot is stopped. */
    public static String hex(byte[] bytes) {
        MessageDigest digest = digest();
        for (int at = 0; at < bytes.length; at += CHUNK) {
            Interruptions.check();
            digest.update(bytes, at, Math.min(CHUNK, bytes.length - at));
        }
        return HexFormat.of().formatHex(digest.digest());
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
