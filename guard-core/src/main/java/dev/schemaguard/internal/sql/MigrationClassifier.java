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
        private final Set<QualifiedName> plainTypes = new LinkedHashSet<>();
        /** Objects that did not exist before this migration: empty, nobody else holds them. */
        private final Set<QualifiedName> newObjects = new HashSet<>();
        /** Columns added earlier in this migration, as "table.column". */
        private final Set<String> newColumns = new HashSet<>();
        private final List<SqlStatement> concurrent = new ArrayList<>();
        private final List<SqlStatement> executed = new ArrayList<>();
        /** Statements with work that would fail or do harm if run a second time (no IF NOT EXISTS). */
        private final List<SqlStatement> notRerunnable = new ArrayList<>();
        private int statementsWithWork;
        private int statementsWithTokens;

        Run(SqlSupport sql, SchemaView before) {
            this.sql = sql;
            this.before = before;
        }

        Classification classify(List<SqlStatement> statements) {
            int[] wrapper = wrapper(statements);
            for (int i = 0; i < statements.size(); i++) {
                Interruptions.check();
                if (i == wrapper[0] || i == wrapper[1]) {
                    statementsWithTokens++;
                    continue;
                }
                executed.add(statements.get(i));
                // Lexed one at a time and let go: a 47 MB migration's tokens are never all held at once.
                classify(statements.get(i), sql.lex(statements.get(i).text()));
            }
            if (statementsWithTokens == (wrapper[0] >= 0 ? 2 : 0) && refusals.isEmpty()) {
                refusals.add(new Refusal(Rule.EMPTY_MIGRATION, statements.isEmpty() ? 1 : statements.get(0).line(), "",
                        "The migration holds no SQL statement (empty or comments only). Remove the file or "
                                + "add the statements it was meant to contain."));
            }
            if (!concurrent.isEmpty() && (statementsWithWork > 1 || wrapper[0] >= 0)) {
                for (SqlStatement s : concurrent) {
                    refuse(Rule.CONCURRENTLY_IN_TRANSACTION, s, s.line(), "CREATE INDEX CONCURRENTLY cannot run in a "
                            + "transaction block; put it alone in its own migration, without BEGIN/COMMIT "
                            + "(SET lock_timeout may stay).");
                }
            }
            if (!sql.transactionalDdl() && statementsWithWork > 1 && refusals.isEmpty()) {
                for (SqlStatement s : notRerunnable) {
                    refuse(Rule.DDL_NOT_ATOMIC, s, s.line(), "This database commits each DDL statement on its own, so a "
                            + "migration of " + statementsWithWork + " statements cannot be applied atomically with its ledger row; "
                            + "after a crash between two statements the next boot must run it again, and this statement "
                            + "cannot run twice. Add IF NOT EXISTS to it, or put it in a migration of its own.");
                }
            }
            boolean additive = refusals.isEmpty();
            return new Classification(additive, refusals, created, plainTypes, additive && !concurrent.isEmpty(), executed,
                    additive && notRerunnable.isEmpty());
        }

        /** The indexes of a BEGIN and a COMMIT that enclose every other statement, or -1, -1. */
        private int[] wrapper(List<SqlStatement> statements) {
            int[] none = {-1, -1};
            // Only where DDL is transactional does the guard's own transaction take the wrapper's place.
            if (!sql.transactionalDdl()) {
                return none;
            }
            int first = nextWithTokens(statements, 0, 1, statements.size());
            int last = first < 0 ? -1 : nextWithTokens(statements, statements.size() - 1, -1, first);
            if (last < 0) {
                return none;
            }
            Lexer.Result opening = sql.lex(statements.get(first).text());
            Lexer.Result closing = sql.lex(statements.get(last).text());
            boolean wraps = opening.error() == null && closing.error() == null
                    && TransactionWrapper.opens(opening.tokens()) && TransactionWrapper.closes(closing.tokens());
            return wraps ? new int[] {first, last} : none;
        }

        /** The first statement from {@code from} (stepping by {@code step}, stopping before {@code end}) with a token or a lexical error; -1. */
        private int nextWithTokens(List<SqlStatement> statements, int from, int step, int end) {
            for (int i = from; i != end; i += step) {
                Interruptions.check();
                Lexer.Result lexed = sql.lex(statements.get(i).text());
                if (lexed.error() != null || !lexed.tokens().isEmpty()) {
                    return i;
                }
            }
            return -1;
        }

        private void classify(SqlStatement statement, Lexer.Result lexed) {
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
            String guardTable = sql.syntax().rules().contains(Rule.GUARD_LEDGER)
                    ? GuardObjects.named(groups.get(0), sql.syntax()) : null;
            if (guardTable != null) {
                statementsWithWork++;
                refuse(Rule.GUARD_LEDGER, statement, line, "The statement names " + guardTable + ", the guard's own "
                        + "ledger or lock table: creating one elsewhere (TEMP, another schema) shadows it, and changing "
                        + "it can lose the record of what was applied. Migrations must leave it alone.");
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
                if (!analysis.idempotent) {
                    notRerunnable.add(new SqlStatement(statement.text(), line));
                }
            }
            if (analysis.refused()) {
                refuse(analysis.refusedBy, statement, line, analysis.detail);
                return;
            }
            for (Analysis.NewTableCondition condition : analysis.conditions) {
                if (!satisfied(condition)) {
                    refuse(condition.rule(), statement, line, condition.detail());
                    return;
                }
            }
            newColumns.addAll(analysis.addedColumns);
            if (analysis.concurrently) {
                concurrent.add(new SqlStatement(statement.text(), line));
            }
            if (analysis.creates != null) {
                recordCreation(statement, line, analysis);
            }
        }

        private boolean satisfied(Analysis.NewTableCondition condition) {
            QualifiedName table = condition.table();
            if (newObjects.contains(table) || before.createdThisBoot(table.schema(), table.name())) {
                return true;
            }
            if (condition.orNewColumn() != null && newColumns.contains(table + "." + condition.orNewColumn())) {
                return true;
            }
            QualifiedName type = condition.orPlainType();
            return type != null && (plainTypes.contains(type) || before.isPlainType(type.schema(), type.name()));
        }

        private void recordCreation(SqlStatement statement, int line, Analysis analysis) {
            QualifiedName name = analysis.creates;
            if (analysis.temporary) {
                refuse(Rule.TEMP_OBJECT, statement, line, "'" + name + "' is a temporary object: it is gone when "
                        + "the guard's connection closes, so it adds nothing, and while it lives it shadows any "
                        + "table or view of the same name (the guard's ledger among them). Create a real object.");
                return;
            }
            boolean existedBefore = name.isSchema() ? before.exists(name.schema(), null)
                    : before.exists(name.schema(), name.name());
            boolean exists = existedBefore || created.contains(name);
            if (exists && !analysis.ifNotExists) {
                refuse(Rule.CREATE_EXISTING_OBJECT, statement, line, "'" + name + "' already exists"
                        + (existedBefore ? "" : " (created earlier in this migration)")
                        + ", so this statement would fail. Use IF NOT EXISTS or choose another name.");
                return;
            }
            if (!exists) {
                newObjects.add(name);
                if (analysis.plainType) {
                    plainTypes.add(name);
                }
            }
            created.add(name);
        }

        private void refuse(Rule rule, SqlStatement statement, int line, String detail) {
            refusals.add(new Refusal(rule, line, Refusal.excerpt(statement.text()), detail));
        }
    }
}
