package dev.schemaguard.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import dev.schemaguard.testing.property.Choices;

/**
 * Splitting loses nothing: the tokens of all statements, in order, are exactly the tokens of the
 * script minus the statement-ending ';', each statement re-tokenizes to the same tokens, and each
 * statement's line is the line of its first token in the script.
 */
public final class SplitterProperties {
    private SplitterProperties() {
    }

    public static void preservesTokens(Choices random, SqlDialect dialect, SqlSupport sql) {
        String script = random.nextBoolean() ? new AdversarialGenerator(random, dialect).migration()
                : new MigrationGenerator(random, dialect).join(new MigrationGenerator(random, dialect).additiveStatements());
        List<Token> scriptTokens = sql.lex(script).tokens();
        List<List<Token>> groups = StatementBoundaries.group(scriptTokens, sql);
        List<SqlStatement> statements = StatementSplitter.split(script, sql);
        assertEquals(groups.size(), statements.size(), script);
        List<String> expected = new ArrayList<>();
        List<String> rejoined = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            List<Token> group = groups.get(i);
            SqlStatement statement = statements.get(i);
            group.forEach(t -> expected.add(t.raw()));
            sql.lex(statement.text()).tokens().forEach(t -> rejoined.add(t.raw()));
            int start = group.get(0).start();
            assertEquals(script.substring(start, group.get(group.size() - 1).end()), statement.text(), script);
            assertEquals(lineOf(script, start), statement.line(), () -> "line of statement in:\n" + script);
        }
        assertEquals(expected, rejoined, () -> "tokens changed by splitting:\n" + script);
        long dropped = scriptTokens.size() - expected.size();
        long semicolonsDropped = scriptTokens.stream().filter(t -> t.isOp(";")).count()
                - expected.stream().filter(";"::equals).count();
        assertEquals(semicolonsDropped, dropped, () -> "only ';' tokens may disappear:\n" + script);
    }

    private static int lineOf(String script, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (script.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
