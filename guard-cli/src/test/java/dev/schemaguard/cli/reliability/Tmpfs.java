package dev.schemaguard.cli.reliability;

import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of the test's own, for the faults only a mount can make: a read-only mount and
 * a full disk. Mounting needs root (as the tests run in CI on this kind of machine); elsewhere the test
 * is skipped, saying so, rather than passing without having made the fault.
 */
final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    static Tmpfs mount(Path dir, String size) throws Exception {
        Files.createDirectories(dir);
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
        if (failure != null) {
            abort("cannot mount a tmpfs here (" + failure.strip() + "): the read-only mount and full disk faults need root, "
                    + "as in CI; run the suite as root to make them");
        }
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    void readOnly() throws Exception {
        require(run("mount", "-o", "remount,ro", dir.toString()));
    }

    void readWrite() throws Exception {
        require(run("mount", "-o", "remount,rw", dir.toString()));
    }

    /** Fills the file system up to {@code leftBytes} with a file of zeros, returned so that a test can delete it. */
    Path fill(long leftBytes) throws Exception {
        Path filler = dir.resolve("filler");
        long free = Files.getFileStore(dir).getUsableSpace();
        long size = Math.max(0, free - leftBytes);
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        return filler;
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", dir.toString());
    }

    private static void require(String failure) {
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    /** Runs a command; returns null on success, else what it printed. */
    private static String run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : command[0] + ": " + out;
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }
}
