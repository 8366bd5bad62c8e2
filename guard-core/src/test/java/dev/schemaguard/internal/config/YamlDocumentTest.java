package dev.schemaguard.internal.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.text.ControlChars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a config file can be unreadable ends as a GuardConfigException naming the file and line. */
class YamlDocumentTest {
    @TempDir
    Path dir;

    private String refused(byte[] content) throws IOException {
        Path file = Files.write(dir.resolve("schema-guard.yaml"), content);
        String message = assertThrows(GuardConfigException.class, () -> ConfigLoader.load(file, Map.of())).getMessage();
        assertTrue(message.contains("schema-guard.yaml:"), message);
        assertTrue(ControlChars.indexOfControl(message) < 0, message);
        return message;
    }

    @Test
    void aRawControlCharacter_namesItsLine() throws IOException {
        String message = refused("database: jdbc:sqlite:/tmp/a.db\nchangelog: mig\u0001rations\n".getBytes());

        assertTrue(message.contains("schema-guard.yaml:2: "), message);
        assertTrue(message.contains("U+0001"), message);
    }

    @Test
    void anEscapedControlCharacterInAValue_isRefusedNamingKeyAndLine() throws IOException {
        String message = refused("database: jdbc:sqlite:/tmp/a.db\nchangelog: \"mig\\x00rations\"\n".getBytes());

        assertTrue(message.contains("schema-guard.yaml:2: changelog: the value 'mig\\x00rations' contains a control character"), message);
    }

    @Test
    void bytesThatAreNotUtf8_nameLineAndColumn() throws IOException {
        String message = refused(new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', ' ', (byte) 0xc3, '(', '\n'});

        assertTrue(message.contains("schema-guard.yaml:2: the configuration is not UTF-8 (byte 0xC3 at column 4)"), message);
    }

    @Test
    void aBillionLaughs_isRefusedAsAConfiguration() throws IOException {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        String message = refused(yaml.toString().getBytes());

        assertTrue(message.contains("schema-guard.yaml:"), message);
    }

    @Test
    void wrongTypes_nameTheKey() throws IOException {
        assertTrue(refused("database: [1, 2]\n".getBytes()).contains("schema-guard.yaml:1: database: expected a single value"));
        assertTrue(refused("database: jdbc:sqlite:/tmp/a.db\nchangelog: .\ncanaries: 5\n".getBytes()).contains("canaries"));
    }
}
