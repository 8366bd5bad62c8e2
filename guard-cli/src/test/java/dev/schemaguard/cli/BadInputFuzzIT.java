package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the config and manifest parsers, generated from a seed: malformed YAML, wrong types,
 * huge values, bytes that are not UTF-8, control bytes, {@code ../} and absolute paths, links out of the
 * changelog folder, duplicate names, bad pins. A known-bad input must end {@code CONFIG_INVALID}, exit 2,
 * naming the file and line, with no stack trace; a random mutation may be valid, but must never crash.
 * Files outside the project are FIFOs nobody writes to: if the guard ever opened one, the trap springs.
 */
class BadInputFuzzIT {
    private static final long SEED = Long.getLong("schemaguard.seed", System.nanoTime());
    private static final Pattern FILE_AND_LINE = Pattern.compile("(schema-guard\\.yaml|boot-manifest\\.txt|\\.sql):\\d+: ");

    @TempDir
    Path dir;
    Path project;
    Path outside;
    final List<Trap> traps = new ArrayList<>();

    @BeforeEach
    void project() throws Exception {
        project = Files.createDirectories(dir.resolve("project"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/001_users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        Files.writeString(project.resolve("migrations/002_notes.sql"), "CREATE TABLE notes (id INTEGER);");
        traps.add(Trap.at(outside.resolve("secret.sql")));
        traps.add(Trap.at(outside.resolve("trap.xml")));
        traps.add(Trap.at(outside.resolve("trap.txt")));
    }

    @AfterEach
    void noTrapSprang() throws Exception {
        for (Trap trap : traps) {
            trap.release();
        }
        for (Trap trap : traps) {
            assertFalse(trap.sprang(), "the guard opened " + trap.fifo + ", outside the project's folders (seed " + SEED + ")");
        }
    }

    private String config(String extra) {
        return "database: jdbc:sqlite:" + dir.resolve("app.db") + "\nchangelog: migrations\nmanifest: boot-manifest.txt\n"
                + "required:\n  - 001_users.sql\nfresh_database: bootstrap\ndeadline: 20s\n" + extra;
    }

    private CliRun boot(byte[] yaml, byte[] manifest) throws IOException {
        Path config = Files.write(project.resolve("schema-guard.yaml"), yaml);
        Files.write(project.resolve("boot-manifest.txt"), manifest);
        return CliRun.of("boot", "--config", config.toString(), "--termination-log", dir.resolve("termination-log").toString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A known-bad input: CONFIG_INVALID, exit 2, the file and line named, no stack trace, no control byte in any line. */
    private void assertRefused(CliRun run, String what) {
        String context = what + " (seed " + SEED + ")\n" + run.err();
        assertEquals(2, run.exitCode(), context);
        String line = run.verdictLine();
        assertTrue(line.contains("code=CONFIG_INVALID"), context);
        assertTrue(FILE_AND_LINE.matcher(line).find(), "the file and line are named: " + context);
        assertNoCrash(run, context);
        assertFalse(Files.exists(dir.resolve("app.db")), "nothing ran: " + context);
    }

    private static void assertNoCrash(CliRun run, String context) {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception:") || run.err().contains("Error:"),
                "no stack trace: " + context);
        assertTrue(run.err().chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' || c == 0x7f || (c >= 0x80 && c <= 0x9f)),
                "no control byte reaches a line raw: " + context);
    }

    @Test
    void knownBadConfigs_areConfigInvalidNamingFileAndLine() throws Exception {
        byte[] manifest = bytes("001_users.sql\n002_notes.sql\n");
        Files.createSymbolicLink(project.resolve("linked-out"), outside);
        Function<String, byte[]> with = extra -> bytes(config(extra));
        Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
        for (String bad : List.of("-1s", "0s", "abc", "[1, 2]", "{a: 1}", "\"\"", "99999999999999999999999h", "1e400s", "100000000d",
                "5 s s", "PT-5S")) {
            cases.put("deadline: " + bad, bytes(config("").replace("deadline: 20s\n", "deadline: " + bad + "\n")));
        }
        cases.put("fresh_database: maybe", bytes(config("").replace("bootstrap", "maybe")));
        cases.put("unknown key", with.apply("deadlin: 5s\n"));
        cases.put("duplicate key", with.apply("deadline: 5s\n"));
        cases.put("integrity mode", with.apply("integrity:\n  mode: turbo\n"));
        cases.put("integrity scalar", with.apply("integrity: 5\n"));
        cases.put("skip_above negative", with.apply("integrity:\n  skip_above: -5GB\n"));
        cases.put("canaries scalar", with.apply("canaries: 5\n"));
        cases.put("canaries list of scalars", with.apply("canaries: [5]\n"));
        cases.put("canary injection", with.apply("canaries:\n  - table: \"users; DROP TABLE users\"\n"));
        cases.put("canary min_rows negative", with.apply("canaries:\n  - table: users\n    min_rows: -1\n"));
        cases.put("canary min_rows huge", with.apply("canaries:\n  - table: users\n    min_rows: 99999999999999999999999\n"));
        cases.put("shrink 150%", with.apply("canaries:\n  - table: users\nshrink_guard:\n  max_drop: 150%\n"));
        cases.put("changelog nowhere", bytes(config("").replace("changelog: migrations", "changelog: ../../nowhere")));
        cases.put("changelog a device", bytes(config("").replace("changelog: migrations", "changelog: /dev/zero")));
        cases.put("manifest a device", bytes(config("").replace("manifest: boot-manifest.txt", "manifest: /dev/zero")));
        cases.put("manifest a FIFO outside", bytes(config("").replace("manifest: boot-manifest.txt", "manifest: " + outside.resolve("trap.txt"))));
        cases.put("manifest a FIFO through a link", bytes(config("").replace("manifest: boot-manifest.txt", "manifest: linked-out/trap.txt")));
        cases.put("unclosed flow", with.apply("schemas: [auth\n"));
        cases.put("unterminated quote", with.apply("heartbeat: \"5s\n"));
        cases.put("tab indentation", with.apply("integrity:\n\tmode: quick\n"));
        cases.put("raw NUL", with.apply("heartbeat: 5\u0000s\n"));
        cases.put("raw ESC", with.apply("heartbeat: \u001b[31m5s\n"));
        cases.put("escaped NUL", with.apply("heartbeat: \"5\\x00s\"\n"));
        cases.put("nested too deep", with.apply("schemas: " + "[".repeat(60) + "]".repeat(60) + "\n"));
        cases.put("a mapping as a key", with.apply("? {a: 1}\n: 2\n"));
        byte[] notUtf8 = with.apply("heartbeat: 5s # caf\u00e9\n");
        notUtf8[notUtf8.length - 3] = (byte) 0xff;
        cases.put("not UTF-8", notUtf8);
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        cases.put("billion laughs", with.apply(bomb.toString()));

        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            assertRefused(boot(c.getValue(), manifest), "config: " + c.getKey());
        }
        System.out.printf("RELIABILITY bad input: %d known-bad configs, all CONFIG_INVALID exit 2 with file:line, no stack trace%n",
                cases.size());
    }

    @Test
    void knownBadManifests_areConfigInvalidNamingFileAndLine() throws Exception {
        byte[] yaml = bytes(config(""));
        String pin = "a".repeat(64);
        List<String> bad = List.of("003 añadir tablä.sql", "\"unterminated.sql", "\"a\\qb.sql\"", "001_users.sql sha256=abc",
                "001_users.sql sha256=" + "g".repeat(64), "001_users.sql sha256=" + pin + " extra", "001_users.sql sha256=",
                "../outside/secret.sql", "/etc/passwd", outside.resolve("secret.sql").toString(), "migrations/../../outside/secret.sql",
                "C:\\\\x.sql", "\"\"", "002\u0000\u0001.sql", "\u001b[31m002.sql", "001_users.sql\n001_users.sql",
                "001_users.sql sha256=" + pin + "\n001_users.sql");
        for (String line : bad) {
            assertRefused(boot(yaml, bytes("# reviewed\n" + line + "\n")), "manifest: " + line);
        }
        byte[] notUtf8 = bytes("001_users.sql\n002_notes.sq\u00e9\n");
        notUtf8[notUtf8.length - 2] = (byte) 0xc3;
        notUtf8[notUtf8.length - 3] = (byte) 0xc3;
        assertRefused(boot(yaml, notUtf8), "manifest: not UTF-8");
        System.out.printf("RELIABILITY bad input: %d known-bad manifests, all CONFIG_INVALID exit 2 with file:line%n", bad.size() + 1);
    }

    @Test
    void migrationsThatLinkOutOfTheChangelogFolder_areRefusedWithoutBeingRead() throws Exception {
        Files.createSymbolicLink(project.resolve("migrations/003_link.sql"), outside.resolve("secret.sql"));

        CliRun run = boot(bytes(config("")), bytes("001_users.sql\n002_notes.sql\n"));

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.verdictLine().contains("is a link to") && run.verdictLine().contains("outside the changelog folder"), run.err());
        assertNoCrash(run, run.err());
    }

    @Test
    void aLiquibaseChangelogIncludingAFileOutsideItsFolder_isRefusedWithoutReadingIt() throws Exception {
        Files.writeString(project.resolve("migrations/changelog.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                  <include file="../../outside/trap.xml" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        String yaml = config("").replace("changelog: migrations", "changelog: migrations/changelog.xml");

        CliRun run = boot(bytes(yaml), bytes(""));

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.verdictLine().contains("code=CONFIG_INVALID"), run.err());
        assertNoCrash(run, run.err());
    }

    @Test
    void aLiquibaseChangelogWithAnExternalEntity_neverReadsIt() throws Exception {
        Files.writeString(project.resolve("migrations/changelog.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE databaseChangeLog [\n"
                + "  <!ENTITY leak SYSTEM \"file://" + outside.resolve("trap.txt") + "\">\n]>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
                + "  <changeSet id=\"&leak;\" author=\"x\"><sql>CREATE TABLE t (id INTEGER)</sql></changeSet>\n"
                + "</databaseChangeLog>\n");
        String yaml = config("").replace("changelog: migrations", "changelog: migrations/changelog.xml");

        CliRun run = boot(bytes(yaml), bytes(""));

        assertEquals(2, run.exitCode(), run.err());
        assertNoCrash(run, run.err());
    }

    @Test
    void randomMutations_neverCrash_andABadOneNamesFileAndLine() throws Exception {
        Random random = new Random(SEED);
        int cases = Integer.getInteger("schemaguard.fuzz.cases", "long".equals(System.getProperty("schemaguard.reliability")) ? 2000 : 150);
        byte[] goodYaml = bytes(config("integrity:\n  mode: quick\ncanaries:\n  - table: users\n    min_rows: 0\n"));
        byte[] goodManifest = bytes("# reviewed\n001_users.sql sha256=" + "0".repeat(64) + "\n002_notes.sql\n");
        int refused = 0;
        for (int i = 0; i < cases; i++) {
            boolean yamlSide = random.nextBoolean();
            byte[] yaml = yamlSide ? mutate(goodYaml, random) : goodYaml;
            byte[] manifest = yamlSide ? goodManifest : mutate(goodManifest, random);
            CliRun run = boot(yaml, manifest);
            String context = "random case " + i + " (seed " + SEED + ", -Dschemaguard.seed=" + SEED + ")\n"
                    + new String(yamlSide ? yaml : manifest, StandardCharsets.ISO_8859_1) + "\n" + run.err();
            assertTrue(run.exitCode() >= 0 && run.exitCode() <= 2, context);
            assertEquals(1, run.verdictLines().size(), context);
            assertNoCrash(run, context);
            if (run.exitCode() == 2) {
                refused++;
                assertTrue(run.verdictLine().contains("code=CONFIG_INVALID"), context);
                assertTrue(run.verdictLine().contains(yamlSide ? "schema-guard.yaml" : "boot-manifest.txt"), context);
            }
            Files.deleteIfExists(dir.resolve("app.db"));
        }
        System.out.printf("RELIABILITY bad input: %d random mutations (seed %d): none crashed, %d refused as CONFIG_INVALID%n",
                cases, SEED, refused);
    }

    @Test
    void aKnownBadConfig_throughTheJarAsAProcess_exitsTwoWithTheLine() throws Exception {
        Path jar = Path.of(System.getProperty("schemaguard.jar", "target/schema-guard.jar"));
        assumeTrue(Files.isRegularFile(jar), "the shaded jar is built by the package phase");
        Path config = Files.writeString(project.resolve("schema-guard.yaml"), config("deadline: 100000000d\n").replace("deadline: 20s\n", ""));
        Files.writeString(project.resolve("boot-manifest.txt"), "001_users.sql\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "boot", "--config", config.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("result=FAIL code=CONFIG_INVALID") && out.contains("schema-guard.yaml:"), out);
        assertFalse(out.contains("\tat "), out);
    }

    /** One of a few kinds of damage, at a random place. */
    private static byte[] mutate(byte[] input, Random random) {
        byte[] junk = {0, 1, 0x1b, 0x7f, (byte) 0x80, (byte) 0x9b, (byte) 0xc3, (byte) 0xff, '\t', '\r', '"', '\'', ':', '-', '#',
                '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '\\', '/', '.', ' ', '\n'};
        int at = random.nextInt(input.length + 1);
        List<Byte> out = new ArrayList<>();
        for (byte b : input) {
            out.add(b);
        }
        switch (random.nextInt(6)) {
            case 0 -> out.add(at, junk[random.nextInt(junk.length)]);
            case 1 -> { if (at < out.size()) { out.set(at, junk[random.nextInt(junk.length)]); } }
            case 2 -> { while (out.size() > at) { out.remove(out.size() - 1); } }
            case 3 -> { for (byte b : "../../outside/secret.sql".getBytes(StandardCharsets.UTF_8)) { out.add(Math.min(at, out.size()), b); } }
            case 4 -> { byte[] huge = ("9".repeat(40)).getBytes(StandardCharsets.UTF_8); for (byte b : huge) { out.add(Math.min(at, out.size()), b); } }
            default -> { int n = 1 + random.nextInt(8); for (int k = 0; k < n; k++) { out.add(Math.min(at, out.size()), (byte) random.nextInt(256)); } }
        }
        byte[] result = new byte[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }

    /** A FIFO that nobody writes to: opening it for reading would block a reader, and springs the trap. */
    private static final class Trap {
        final Path fifo;
        final AtomicBoolean releasing = new AtomicBoolean();
        final AtomicBoolean sprang = new AtomicBoolean();
        final Thread writer;

        private Trap(Path fifo) {
            this.fifo = fifo;
            this.writer = new Thread(() -> {
                try (OutputStream out = Files.newOutputStream(fifo)) { // blocks until someone opens it for reading
                    if (!releasing.get()) {
                        sprang.set(true);
                    }
                } catch (IOException ignored) {
                    // released
                }
            }, "fifo-trap");
            writer.setDaemon(true);
        }

        static Trap at(Path fifo) throws Exception {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertEquals(0, mkfifo.waitFor());
            Trap trap = new Trap(fifo);
            trap.writer.start();
            return trap;
        }

        void release() throws Exception {
            releasing.set(true);
            if (writer.isAlive()) {
                try (var in = Files.newInputStream(fifo)) {
                    // unblocks the writer, which still waits for a reader
                }
            }
            writer.join(5000);
        }

        boolean sprang() {
            return sprang.get();
        }
    }
}
