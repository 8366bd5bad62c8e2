package dev.schemaguard.sqlite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds a SQLite database's write lock, from Linux's {@code /proc/locks}: SQLite takes POSIX
 * record locks on the database file (rollback journal) or on its {@code -shm} file (WAL), and the
 * kernel lists each with its process id. The process's command line tells what kind of program it
 * is. Elsewhere (no {@code /proc}) the holder is unknown.
 */
final class LockHolders {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private LockHolders() {
    }

    static Optional<String> of(Path db) {
        if (!Files.isReadable(PROC_LOCKS)) {
            return Optional.empty();
        }
        Set<Long> inodes = new LinkedHashSet<>();
        inode(db).ifPresent(inodes::add);
        inode(db.resolveSibling(db.getFileName() + "-shm")).ifPresent(inodes::add);
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        List<String> holders = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(PROC_LOCKS, StandardCharsets.UTF_8)) {
                // "1: POSIX  ADVISORY  WRITE 4242 fd:01:1234567 1073741825 1073741825"
                String[] f = line.trim().split("\\s+");
                if (f.length < 6 || !f[1].equals("POSIX") || !f[3].equals("WRITE")) {
                    continue;
                }
                String[] device = f[5].split(":");
                if (device.length == 3 && inodes.contains(Long.parseLong(device[2]))) {
                    String holder = describe(Long.parseLong(f[4]));
                    if (!holders.contains(holder)) {
                        holders.add(holder);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return holders.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", holders));
    }

    /** {@code pid 4242 (another Schema Guard boot)}, {@code pid 77 (sqlite3)}, ... */
    static String describe(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return "pid " + pid + " (this process, another connection)";
        }
        String kind;
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
            kind = kindOf(cmdline);
        } catch (IOException | RuntimeException e) {
            kind = "unknown program";
        }
        return "pid " + pid + " (" + kind + ")";
    }

    static String kindOf(String cmdline) {
        if (cmdline.contains("schema-guard") || cmdline.contains("dev.schemaguard.cli")) {
            return "another Schema Guard boot";
        }
        String program = cmdline.isEmpty() ? "" : Path.of(cmdline.split(" ")[0]).getFileName().toString();
        if (program.equals("java")) {
            String[] words = cmdline.split(" ");
            String main = words[words.length - 1];
            for (int i = 1; i < words.length; i++) {
                if ((words[i].equals("-jar") || words[i].equals("-cp") || words[i].equals("-classpath")) && i + 1 < words.length) {
                    main = words[i].equals("-jar") ? Path.of(words[i + 1]).getFileName().toString() : words[Math.min(i + 2, words.length - 1)];
                    break;
                }
            }
            return "a Java process: " + main;
        }
        return program.isEmpty() ? "unknown program" : program;
    }

    private static Optional<Long> inode(Path file) {
        try {
            return Optional.of(((Number) Files.getAttribute(file, "unix:ino")).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
