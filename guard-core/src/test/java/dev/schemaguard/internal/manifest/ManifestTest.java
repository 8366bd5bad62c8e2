package dev.schemaguard.internal.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.GuardConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The boot manifest's syntax: names with spaces and any Unicode, and every bad line named with its file and line. */
class ManifestTest {
    private static final String PIN = "a".repeat(64);

    @TempDir
    Path dir;

    private Manifest read(String text) throws IOException {
        return Manifest.read(Files.writeString(dir.resolve("boot-manifest.txt"), text));
    }

    private GuardConfigException refused(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("boot-manifest.txt"), text);
        return assertThrows(GuardConfigException.class, () -> Manifest.read(file).requireUniqueNames());
    }

    @Test
    void aNameWithSpacesAndUnicode_isWrittenInQuotes_andMayBePinned() throws IOException {
        Manifest manifest = read("001_users.sql\n\"003 añadir tablä.sql\" sha256=" + PIN.toUpperCase() + "  # reviewed\n"
                + "\"004 #hash and \\\"quote\\\".sql\"\n005_ünïcödé_测试.sql\n");

        assertEquals(List.of("001_users.sql", "003 añadir tablä.sql", "004 #hash and \"quote\".sql", "005_ünïcödé_测试.sql"),
                manifest.entries().stream().map(ManifestEntry::name).toList());
        assertEquals(PIN, manifest.find("003 añadir tablä.sql").orElseThrow().pin());
        assertEquals(2, manifest.find("003 añadir tablä.sql").orElseThrow().line());
    }

    @Test
    void commentsBlankLinesAndAByteOrderMark_areIgnored() throws IOException {
        Manifest manifest = read("\uFEFF# the reviewed migrations\n\n   001_users.sql   # first\n\t\n");

        assertEquals(List.of("001_users.sql"), manifest.entries().stream().map(ManifestEntry::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unquoted space         | 003 añadir tablä.sql                 | a name with spaces must be quoted",
        "unterminated quote     | \"003 añadir.sql                      | has no closing",
        "bad escape             | \"a\\nb.sql\"                          | a backslash may only precede",
        "short pin              | 001.sql sha256=abc                   | is not sha256= followed by 64 hex digits",
        "text after pin         | 001.sql sha256=" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + " extra | unexpected text after the pin",
        "parent path            | ../../etc/passwd                     | is a path",
        "absolute path          | /etc/passwd                          | is a path",
        "nested parent          | migrations/../../secret.sql          | is a path",
        "backslash root         | \\\\server\\share\\x.sql                | is a path",
        "drive and backslash    | C:\\migrations\\x.sql                | is a path",
        "drive and slash        | z:/x.sql                             | is a path",
        "dot segment            | a/./b.sql                            | is a path",
        "backslash dot segment  | a\\.\\b.sql                          | is a path",
        "trailing parent        | a/..                                 | is a path",
        "lone dot               | .                                    | is a path",
        "lone parent            | ..                                   | is a path",
        "empty quoted           | \"\"                                   | the name is empty",
    })
    void aBadLine_isRefusedNamingFileAndLine(String what, String line, String problem) throws IOException {
        GuardConfigException e = refused("001_users.sql\n" + line + "\n");

        assertTrue(e.getMessage().contains("boot-manifest.txt:2: "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    /** What the path check lets through: dots, colons and separators that make no absolute or dot-segment path. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dots in a name           | ..001.sql",
        "dot-file                 | .hidden.sql",
        "three dots               | .../x.sql",
        "dots around a separator  | a./.b.sql",
        "nested without dots      | a/b.sql",
        "colon without separator  | C:x.sql",
        "colon not second         | 12:/x.sql",
        "not a letter before it   | 1:/x.sql",
        "separator at the end     | a/",
    })
    void aNameThatOnlyLooksLikeAPath_isAccepted(String what, String name) throws IOException {
        Manifest manifest = read(name + "\n");

        assertEquals(List.of(name), manifest.entries().stream().map(ManifestEntry::name).toList());
    }

    @Test
    void controlCharacters_areRefusedAndNeverEchoedRaw() throws IOException {
        GuardConfigException e = refused("001_users.sql\n002\u0000\u0001\u001b[31m.sql\n");

        assertTrue(e.getMessage().contains("boot-manifest.txt:2: "), e.getMessage());
        assertTrue(e.getMessage().contains("\\x00\\x01\\x1b[31m"), e.getMessage());
        assertEquals(-1, dev.schemaguard.internal.text.ControlChars.indexOfControl(e.getMessage()), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8_areRefusedNamingLineAndColumn() throws IOException {
        Path file = dir.resolve("boot-manifest.txt");
        Files.write(file, new byte[] {'0', '0', '1', '.', 's', 'q', 'l', '\n', '0', '0', '2', (byte) 0xff, '.', 's', 'q', 'l', '\n'});

        GuardConfigException e = assertThrows(GuardConfigException.class, () -> Manifest.read(file));

        assertTrue(e.getMessage().contains("boot-manifest.txt:2: the boot manifest is not UTF-8 (byte 0xFF at column 4)"), e.getMessage());
    }

    @Test
    void aNameListedTwice_isRefusedAtBoot_namingBothLines() throws IOException {
        GuardConfigException e = refused("001_users.sql\n002_x.sql\n001_users.sql sha256=" + PIN + "\n");

        assertTrue(e.getMessage().contains("boot-manifest.txt:3: 001_users.sql is already listed at line 1"), e.getMessage());
    }
}
