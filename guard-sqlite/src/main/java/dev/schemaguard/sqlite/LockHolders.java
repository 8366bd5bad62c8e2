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

    /** What kind of program a command line runs: the program's name, or for Java its main class or jar. */
    static String kindOf(String cmdline) {
        String[] words = cmdline.isEmpty() ? new String[0] : cmdline.split(" ");
        if (words.length == 0) {
            return "unknown program";
        }
        String program = Path.of(words[0]).getFileName().toString();
        if (!program.equals("java")) {
            return program;
        }
        String main = javaMain(words);
        if (main.equals("dev.schemaguard.cli.Main") || main.startsWith("schema-guard") && main.endsWith(".jar")) {
            return "another Schema Guard boot";
        }
        return "a Java process: " + main;
    }

    /** The main class, or the jar after -jar, of a java command line. */
    private static String javaMain(String[] words) {
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            if (word.equals("-jar") && i + 1 < words.length) {
                return Path.of(words[i + 1]).getFileName().toString();
            }
            if (word.equals("-cp") || word.equals("-classpath") || word.equals("--class-path") || word.equals("-p")
                    || word.equals("--module-path")) {
                i++; // its value
            } else if (!word.startsWith("-")) {
                return word;
            }
        }
        return "unknown main class";
    }

    private static Optional<Long> inode(Path file) {
        try {
            return Optional.of(((Number) Files.getAttribute(file, "unix:ino")).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
