package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A labelled corpus: every entry must get exactly its expected verdict, "additive" or the rule id of
 * the first refusal. Disagreements are all reported, by file and line. Each dialect's module keeps
 * its corpus and runs it against its own {@link SqlSupport}.
 */
public final class LabelledCorpus {
    private LabelledCorpus() {
    }

    public record Entry(String source, int line, String expected, String sql) {}

    public record Corpus(Set<String> before, List<Entry> entries) {
        SchemaView view() {
            return (schema, name) -> before.contains(name == null ? "schema:" + schema
                    : schema == null ? name : schema + "." + name);
        }
    }

    /** The corpus's entries in /classifier/{file} on the class path, at least {@code minimum} of them. */
    public static Corpus load(String file, int minimum) throws IOException {
        Corpus corpus = load(file);
        assertTrue(corpus.entries().size() >= minimum, "at least " + minimum + " entries in " + file + ", got "
                + corpus.entries().size());
        return corpus;
    }

    /** A corpus worth the name has at least 25 entries of each verdict. */
    public static void assertCoversBothVerdicts(Corpus corpus, String file) {
        List<Entry> entries = corpus.entries();
        long additive = entries.stream().filter(e -> e.expected().equals("additive")).count();
        assertTrue(additive >= 25 && entries.size() - additive >= 25, file + ": " + additive + " additive");
    }

    public static void assertAgreement(Corpus corpus, SqlSupport sql) {
        List<String> disagreements = new ArrayList<>();
        for (Entry e : corpus.entries()) {
            Classification c = MigrationClassifier.classify(StatementSplitter.split(e.sql(), sql), sql, corpus.view());
            String actual = c.additive() ? "additive" : c.refusals().get(0).rule().id();
            if (!actual.equals(e.expected())) {
                disagreements.add(e.source() + ":" + e.line() + " expected " + e.expected() + " but was " + actual
                        + (c.additive() ? "" : " (" + c.refusals().get(0).detail() + ")") + "\n    " + e.sql());
            }
        }
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + corpus.entries().size() + " corpus entries disagree:\n"
                    + String.join("\n", disagreements));
        }
        assertEquals(List.of(), disagreements);
    }

    private static Corpus load(String file) throws IOException {
        String text;
        try (InputStream in = LabelledCorpus.class.getResourceAsStream("/classifier/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> before = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        String expected = null;
        int entryLine = 0;
        StringBuilder sql = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "### end";
            if (line.startsWith("### ")) {
                if (expected != null) {
                    entries.add(new Entry(file, entryLine, expected, sql.toString()));
                }
                expected = line.substring(4).trim();
                entryLine = i + 1;
                sql.setLength(0);
            } else if (expected != null) {
                sql.append(sql.length() == 0 ? "" : "\n").append(line);
            } else if (line.startsWith("@before ")) {
                before.addAll(List.of(line.substring(8).trim().split("\\s+")));
            }
        }
        return new Corpus(before, entries);
    }
}
