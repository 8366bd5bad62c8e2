package dev.schemaguard.testing;

import dev.schemaguard.internal.sql.SchemaView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A labelled red-team corpus ({@code classifier/redteam-*.corpus}): the SQL that builds the database
 * every case starts from ({@code @fixture} lines), the objects it holds ({@code @before}), and cases
 * {@code ### <expected> | <source>} followed by the migration's SQL, where expected is "additive"
 * or the rule id of the first refusal, and source says what real project or rule the case is modeled on.
 */
public record RedTeamCorpus(String file, List<String> fixture, Set<String> before, List<Case> cases) {

    public record Case(String file, int line, String expected, String source, String sql) {
        public boolean additive() {
            return expected.equals("additive");
        }

        public String where() {
            return file + ":" + line;
        }
    }

    public static RedTeamCorpus load(String file) {
        String text;
        try (InputStream in = RedTeamCorpus.class.getResourceAsStream("/classifier/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> fixture = new ArrayList<>();
        Set<String> before = new HashSet<>();
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String header = null;
        int headerLine = 0;
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "### end | end";
            if (line.startsWith("### ")) {
                if (header != null) {
                    int bar = header.indexOf('|');
                    if (bar < 0) {
                        throw new IllegalStateException(file + ":" + headerLine + " names no source");
                    }
                    cases.add(new Case(file, headerLine, header.substring(0, bar).trim(), header.substring(bar + 1).trim(),
                            sql.toString().strip()));
                }
                header = line.substring(4);
                headerLine = i + 1;
                sql.setLength(0);
            } else if (header != null) {
                sql.append(line).append('\n');
            } else if (line.startsWith("@fixture ")) {
                fixture.add(line.substring(9).trim());
            } else if (line.startsWith("@before ")) {
                before.addAll(List.of(line.substring(8).trim().split("\\s+")));
            }
        }
        return new RedTeamCorpus(file, fixture, before, cases);
    }

    /** Whether an object exists before every case: "schema.name", a bare name, or "schema:" + name for a schema. */
    public boolean exists(String schema, String name) {
        return before.contains(name == null ? "schema:" + schema : schema == null ? name : schema + "." + name);
    }

    /** What the classifier is told exists; "plaintype:" entries are enums the database would report. */
    public SchemaView view() {
        return new SchemaView() {
            @Override
            public boolean exists(String schema, String name) {
                return RedTeamCorpus.this.exists(schema, name);
            }

            @Override
            public boolean isPlainType(String schema, String name) {
                return before.contains(SchemaView.PLAIN_TYPE + (schema == null ? name : schema + "." + name));
            }
        };
    }
}
