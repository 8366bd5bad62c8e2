package dev.schemaguard.examples.notes;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/notes")
class NotesController {
    private final JdbcClient jdbc;

    NotesController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return jdbc.sql("SELECT id, text, author FROM notes ORDER BY id").query().listOfRows();
    }

    @PostMapping
    Map<String, Object> add(@RequestBody String text) {
        jdbc.sql("INSERT INTO notes (text, author) VALUES (?, 'curl')").param(text).update();
        return Map.of("added", text);
    }

    /** Empties the table: the schemaGuard health contributor then goes DOWN. */
    @DeleteMapping
    Map<String, Object> clear() {
        return Map.of("deleted", jdbc.sql("DELETE FROM notes").update());
    }
}
