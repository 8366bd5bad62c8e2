package dev.schemaguard.internal.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for a SQL migration ({@code ChecksumCalculator}): a CRC-32 of the
 * file's lines in UTF-8, line terminators left out and a byte-order mark at the start removed, so
 * it does not change with CRLF versus LF. Stored as a signed 32-bit integer.
 */
public final class FlywayChecksum {
    private FlywayChecksum() {
    }

    public static int of(String script) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(script))) {
            String line = reader.readLine();
            if (line != null && !line.isEmpty() && line.charAt(0) == '\ufeff') {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return (int) crc.getValue();
    }
}
