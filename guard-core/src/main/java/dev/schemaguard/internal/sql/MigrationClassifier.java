package dev.schemaguard.internal.sql;

import dev.schemaguard.internal.Interruptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a migration is additive. Fail-closed: a statement is additive only if its grammar
 * consumed every token and understood it; anything unknown, unparseable or ambiguous is refused.
 * Each statement text is tokenized again here, so the verdict never depends on how the caller split.
 */
public final class MigrationClassifier {
    private MigrationClassifier() {}

    public static Classification classify(List<SqlStatement> statements, SqlSupport sql, SchemaView before) {
        return new Run(sql, before).classify(statements);
    }

    private static final class Run {
        private final SqlSupport sql;
        private final SchemaView before;
        private final List<Refusal> refusals = new ArrayList<>();
        private final Set<QualifiedName> created = new LinkedHashSet<>();
        /** Objects that did not exist before this migration: empty, nobody else holds them. */
        private final Set<QualifiedName> newObjects = new HashSet<>();
        private final List<SqlStatement> concurrent = new ArrayList<>();
        private int statementsWithWork;
        private int statementsWithTokens;

        Run(SqlSupport sql, SchemaView before) {
            this.sql = sql;
            this.before = before;
        }

        Classification classify(List<SqlStatement> statements) {
            for (SqlStatement statement : statements) {
                Interruptions.check();
                classify(statement);
            }
            if (statementsWithTokens == 0 && refusals.isEmpty()) {
                refusals.add(new Refusal(Rule.EMPTY_MIGRATION, statements.isEmpty() ? 1 : statements.get(0).line(), "",
                        "The migration holds no SQL statement (empty or comments only). Remove the file or "
                                + "add the statements it was meant to contain."));
            }
            if (!concurrent.isEmpty() && statementsWithWork > 1) {
                for (SqlStatement s : concurrent) {
                    refuse(Rule.CONCURRENTLY_IN_TRANSACTION, s, s.line(), "CREATE INDEX CONCURRENTLY cannot run in a "
                            + "transaction block; put it alone in its own migration (SET lock_timeout may stay).");
                }
            }
            boolean additive = refusals.isEmpty();
            return new Classification(additive, refusals, created, additive && !concurrent.isEmpty());
        }

        private void classify(SqlStatement statement) {
            Lexer.Result lexed = sql.lex(statement.text());
            if (lexed.error() != null) {
                statementsWithTokens++;
                refuse(Rule.UNPARSEABLE, statement, statement.line(), "The statement cannot be tokenized: "
                        + lexed.error().message() + " (counted within the statement). Fix the SQL.");
                return;
            }
            List<List<Token>> groups = StatementBoundaries.group(lexed.tokens(), sql);
            if (groups.isEmpty()) {
                return;
            }
            statementsWithTokens++;
            int line = statement.line() + groups.get(0).get(0).line() - 1;
            if (groups.size() > 1) {
                refuse(Rule.MULTIPLE_STATEMENTS, statement, line, "This text holds " + groups.size()
                        + " statements; a driver may run only the first or all of them. Split it with StatementSplitter.");
                return;
            }
            Analysis analysis;
            try {
                analysis = sql.analyze(groups.get(0));
            } catch (TokenCursor.NotRecognized e) {
                statementsWithWork++;
                refuse(Rule.UNPARSEABLE, statement, line, "The statement is not understood: " + e.getMessage()
                        + ". Unknown means not additive; fix the SQL or apply it in a reviewed migration.");
                return;
            }
            if (!analysis.neutral) {
                statementsWithWork++;
            }
            if (analysis.refused()) {
                refuse(analysis.refusedBy, statement, line, analysis.detail);
                return;
            }
            for (Analysis.NewTableCondition condition : analysis.conditions) {
                QualifiedName table = condition.table();
                if (!newObjects.contains(table) && !before.createdThisBoot(table.schema(), table.name())) {
                    refuse(condition.rule(), statement, line, condition.detail());
                    return;
                }
            }
            if (analysis.concurrently) {
                concurrent.add(new SqlStatement(statement.text(), line));
            }
            if (analysis.creates != null) {
                recordCreation(statement, line, analysis.creates, analysis.ifNotExists);
            }
        }

        private void recordCreation(SqlStatement statement, int line, QualifiedName name, boolean ifNotExists) {
            boolean existedBefore = name.isSchema() ? before.exists(name.schema(), null)
                    : before.exists(name.schema(), name.name());
            boolean exists = existedBefore || created.contains(name);
            if (exists && !ifNotExists) {
                refuse(Rule.CREATE_EXISTING_OBJECT, statement, line, "'" + name + "' already exists"
                        + (existedBefore ? "" : " (created earlier in this migration)")
                        + ", so this statement would fail. Use IF NOT EXISTS or choose another name.");
                return;
            }
            if (!exists) {
                newObjects.add(name);
            }
            created.add(name);
        }

        private void refuse(Rule rule, SqlStatement statement, int line, String detail) {
            refusals.add(new Refusal(rule, line, Refusal.excerpt(statement.text()), detail));
        }
    }
}
