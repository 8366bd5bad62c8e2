package dev.schemaguard.spring;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IDEs complete schema-guard.* from the metadata the configuration processor writes into the jar. */
class ConfigurationMetadataTest {

    @Test
    void everyKeyOfSchemaGuardYamlHasMetadataWithADescription() throws IOException {
        String metadata;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "META-INF/spring-configuration-metadata.json is missing: is the configuration processor running?");
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String key : List.of("enabled", "changelog", "manifest", "required", "fresh-database", "deadline", "heartbeat",
                "allow-gaps", "integrity.mode", "integrity.skip-above", "integrity.stamp", "integrity.stamp-dir",
                "integrity.deferred", "schemas", "canaries", "shrink-guard.max-drop", "lock-timeout", "statement-timeout")) {
            int at = metadata.indexOf("\"name\": \"schema-guard." + key + "\"");
            assertTrue(at >= 0, "no metadata for schema-guard." + key);
            int end = metadata.indexOf('}', at);
            assertTrue(metadata.substring(at, end).contains("\"description\""), "schema-guard." + key + " has no description");
        }
    }
}
