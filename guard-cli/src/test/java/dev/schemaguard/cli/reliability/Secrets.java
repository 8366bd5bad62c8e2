package dev.schemaguard.cli.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The secrets scan every suite runs: each password a suite uses is registered, and after each test
 * everything its CLI processes printed (standard output and error) and every status file and
 * termination log they wrote is searched for each of them. One occurrence fails the test.
 */
final class Secrets implements AfterEachCallback, AfterAllCallback {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final List<String[]> OUTPUTS = new CopyOnWriteArrayList<>();
    private static final List<Path> FILES = new CopyOnWriteArrayList<>();
    private static volatile long scannedBytes;

    /** A password this suite uses: it must appear in no output. */
    static String use(String secret) {
        SECRETS.add(secret);
        return secret;
    }

    /** Something a CLI process printed. */
    static void output(String what, String text) {
        OUTPUTS.add(new String[] {what, text});
    }

    /** A file a CLI process writes (status file, termination log), read at the scan. */
    static Path file(Path path) {
        FILES.add(path);
        return path;
    }

    /** How many bytes the scans have read so far (for the report of a suite). */
    static long scannedBytes() {
        return scannedBytes;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        scan();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        scan();
    }

    private static synchronized void scan() throws IOException {
        List<String[]> texts = new ArrayList<>(OUTPUTS);
        OUTPUTS.clear();
        for (Path file : new ArrayList<>(FILES)) {
            if (Files.isRegularFile(file)) {
                texts.add(new String[] {file.toString(), Files.readString(file, StandardCharsets.UTF_8)});
            }
        }
        FILES.clear();
        for (String[] text : texts) {
            scannedBytes += text[1].length();
            for (String secret : SECRETS) {
                if (text[1].contains(secret)) {
                    fail("a password appears in " + text[0] + ":\n" + text[1]);
                }
            }
        }
    }
}
