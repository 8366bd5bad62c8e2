package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** INTERIM (replaced by the classifier branch). */
public final class MigrationClassifier {
    private static final Pattern ADDITIVE = Pattern.compile(
            "(?is)\\s*(create\\s+(?:unique\\s+)?(table|index|view)\\s+(if\\s+not\\s+exists\\s+)?(\\w+)\\b.*|alter\\s+table\\s+\\w+\\s+add\\s+(column\\s+)?\\w+.*)");

    private MigrationClassifier() {}

    public static Classification classify(List<SqlStatement> statements, SqlDialect dialect, SchemaView before) {
        List<Refusal> refusals = new ArrayList<>();
        Set<QualifiedName> created = new HashSet<>();
        if (statements.isEmpty()) {
            refusals.add(new Refusal(Rule.EMPTY_MIGRATION, 1, "", "the migration has no statement"));
        }
        for (SqlStatement s : statements) {
            Matcher m = ADDITIVE.matcher(s.text());
            String lower = s.text().toLowerCase(Locale.ROOT);
            if (!m.matches() || lower.contains("drop")) {
                Rule rule = lower.startsWith("drop") ? Rule.DROP : Rule.UNKNOWN_STATEMENT;
                refusals.add(new Refusal(rule, s.line(), s.text().lines().findFirst().orElse(""), rule.summary()));
            } else if (m.group(4) != null) {
                created.add(new QualifiedName(null, m.group(4).toLowerCase(Locale.ROOT)));
            }
        }
        return new Classification(refusals.isEmpty(), refusals, created, false);
    }
}
