package dev.schemaguard.internal.io;

import dev.schemaguard.internal.Interruptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: the form manifest pins are written in. */
public final class Sha256 {
    private static final int CHUNK = 1 << 20;

    private Sha256() {
    }

    /** Digested in chunks, so that hashing a very large file stops when the boot is stopped. */
    public static String hex(byte[] bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int at = 0; at < bytes.length; at += CHUNK) {
                Interruptions.check();
                digest.update(bytes, at, Math.min(CHUNK, bytes.length - at));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
