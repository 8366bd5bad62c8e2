package dev.schemaguard.internal.io;

import dev.schemaguard.GuardConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file the user wrote (the config, the manifest) as strict UTF-8: a byte that is not
 * UTF-8 is an error naming the file, line and column, never a silently replaced character. A
 * leading byte-order mark is dropped.
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    /** @param what  what the file is, for messages ("the boot manifest") */
    public static String read(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new GuardConfigException(file + ": " + what + " does not exist. Check the path (relative paths are "
                    + "resolved against the config file's folder).");
        } catch (AccessDeniedException e) {
            throw new GuardConfigException(file + ": cannot read " + what + ": permission denied. Make it readable by the "
                    + "user the guard runs as.");
        } catch (IOException e) {
            throw new GuardConfigException(file + ": cannot read " + what + ": " + describe(e) + ".");
        }
        return decode(file, bytes, what);
    }

    static String decode(Path file, byte[] bytes, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new GuardConfigException(file + ":" + lineOf(bytes, at) + ": " + what + " is not UTF-8 (byte 0x"
                    + String.format("%02X", bytes[at] & 0xff) + " at column " + columnOf(bytes, at)
                    + "). Save it as UTF-8.");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(byte[] bytes, int offset) {
        int start = offset;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        return offset - start + 1;
    }

    /** An I/O error in a few words: its type when the JDK gives no message. */
    public static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
