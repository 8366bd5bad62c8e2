package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import dev.schemaguard.testing.property.Choices;
import java.util.Set;

/**
 * Writes random, genuinely additive migrations for one dialect: random names (plain and quoted with
 * ';', '--', quotes inside), random types, comments and odd ASCII whitespace between any two tokens,
 * random keyword case, IF NOT EXISTS variants, several statements per line.
 */
final class MigrationGenerator {
    /** Tables that exist before every generated migration. */
    static final List<String> EXISTING_TABLES = List.of("users", "orders");

    static final SchemaView BEFORE = (schema, name) -> schema == null && EXISTING_TABLES.contains(name);

    private static final String[] NAME_CHARS = {"a", "b", "Z", "_", "1", ";", "--", "/*", "*/", " ", "'", "é", "$", ")"};

    final Choices r;
    final SqlDialect dialect;
    private int counter;
    /** Folded names of what the statements create. */
    final Set<QualifiedName> created = new LinkedHashSet<>();
    private final List<String[]> newTables = new ArrayList<>(); // {table sql name, a column sql name}

    MigrationGenerator(Choices r, SqlDialect dialect) {
        this.r = r;
        this.dialect = dialect;
    }

    /** 1 to 6 additive statements. */
    List<String> additiveStatements() {
        List<String> statements = new ArrayList<>();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            statements.add(additiveStatement());
        }
        return statements;
    }

    /** Joins statements with ';' and separators; the last ';' is optional. */
    String join(List<String> statements) {
        StringBuilder sb = new StringBuilder(r.nextBoolean() ? "" : comment() + "\n");
        for (int i = 0; i < statements.size(); i++) {
            sb.append(statements.get(i));
            if (i < statements.size() - 1 || r.nextBoolean()) {
                sb.append(sep()).append(";").append(r.nextInt(4) == 0 ? ";" : "");
            }
            sb.append(r.nextInt(3) == 0 ? " " : sep());
        }
        return sb.toString();
    }

    String additiveStatement() {
        int kind = r.nextInt(dialect == SqlDialect.POSTGRES ? 7 : 5);
        if (newTables.isEmpty() || kind == 0) {
            return createTable();
        }
        String[] table = newTables.get(r.nextInt(newTables.size()));
        switch (kind) {
            case 1: return createIndex(table);
            case 2: return createView(table[0]);
            case 3: return addColumn(table[0], false);
            case 4: return addColumn(EXISTING_TABLES.get(r.nextInt(EXISTING_TABLES.size())), true);
            case 5: return words("COMMENT", "ON", "TABLE") + sep() + table[0] + sep() + kw("IS") + sep() + "'c;--'";
            default: return words("CREATE", "SEQUENCE") + ifNotExists() + sep() + newName(false);
        }
    }

    String createTable() {
        String name = newName(false);
        String column = newColumnName();
        StringBuilder sb = new StringBuilder(words("CREATE", "TABLE") + ifNotExists() + sep() + name + sep() + "(");
        sb.append(sep()).append(column).append(sep()).append(type());
        boolean key = r.nextBoolean();
        if (key) {
            sb.append(sep()).append(words("PRIMARY", "KEY"));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            sb.append(sep()).append(",").append(sep()).append(columnDefinition(false));
        }
        sb.append(sep()).append(")");
        if (dialect == SqlDialect.SQLITE && key && r.nextInt(3) == 0) {
            sb.append(sep()).append(words("WITHOUT", "ROWID"));
        }
        newTables.add(new String[] {name, column});
        return sb.toString();
    }

    private String createIndex(String[] table) {
        String unique = r.nextBoolean() ? kw("UNIQUE") + sep() : "";
        return kw("CREATE") + sep() + unique + kw("INDEX") + ifNotExists() + sep() + newName(false) + sep() + kw("ON")
                + sep() + table[0] + sep() + "(" + sep() + table[1] + sep() + ")";
    }

    private String createView(String table) {
        String ine = dialect == SqlDialect.SQLITE ? ifNotExists() : "";
        return words("CREATE", "VIEW") + ine + sep() + newName(false) + sep() + kw("AS") + sep() + kw("SELECT")
                + sep() + "*" + sep() + kw("FROM") + sep() + table + sep() + kw("WHERE") + sep() + "1 = 1";
    }

    private String addColumn(String table, boolean existing) {
        String column = r.nextBoolean() ? kw("COLUMN") + sep() : "";
        return words("ALTER", "TABLE") + sep() + table + sep() + kw("ADD") + sep() + column
                + columnDefinition(existing);
    }

    /** A nullable column, or NOT NULL with a constant (or, on PostgreSQL, stable) default. */
    private String columnDefinition(boolean onExistingTable) {
        String def = newColumnName() + sep() + type();
        switch (r.nextInt(4)) {
            case 0: return def;
            case 1: return def + sep() + kw("DEFAULT") + sep() + constant(true);
            case 2: return def + sep() + words("NOT", "NULL") + sep() + kw("DEFAULT") + sep() + constant(false);
            default: return def + sep() + kw("DEFAULT") + sep() + constant(false) + sep() + words("NOT", "NULL");
        }
    }

    private String constant(boolean nullAllowed) {
        List<String> values = new ArrayList<>(List.of("0", "-1", "+2.5", "1e3", "'it''s; -- not a comment'",
                "TRUE", "FALSE", "('x')", "(-7)"));
        if (nullAllowed) {
            values.add("NULL");
        }
        if (dialect == SqlDialect.SQLITE) {
            values.addAll(List.of("x'00ff'", "0x1F"));
        } else {
            values.addAll(List.of("now()", "CURRENT_TIMESTAMP", "'{}'::jsonb", "E'a\\'b;'", "$$;--$$",
                    "lower('A' || 'B')", "interval '1 day'", "'7'::int"));
        }
        return values.get(r.nextInt(values.size()));
    }

    private String type() {
        String[] types = dialect == SqlDialect.SQLITE
                ? new String[] {"INTEGER", "TEXT", "REAL", "BLOB", "NUMERIC", "VARCHAR(40)", "DECIMAL(10, 2)", "ANY"}
                : new String[] {"int", "bigint", "text", "varchar(40)", "numeric(10,2)", "timestamptz", "boolean",
                        "jsonb", "text[]", "double precision", "timestamp with time zone"};
        return types[r.nextInt(types.length)];
    }

    private String ifNotExists() {
        return r.nextBoolean() ? sep() + words("IF", "NOT", "EXISTS") : "";
    }

    /** A fresh name, plain or quoted; records it as created. */
    String newName(boolean column) {
        String base = (column ? "c" : "t") + (counter++);
        String name;
        String folded;
        if (r.nextBoolean()) {
            name = base + (r.nextBoolean() ? "" : "_x");
            folded = name;
        } else {
            StringBuilder weird = new StringBuilder(base);
            for (int i = r.nextInt(5); i > 0; i--) {
                weird.append(NAME_CHARS[r.nextInt(NAME_CHARS.length)]);
            }
            String w = weird.toString();
            int quote = dialect == SqlDialect.SQLITE ? r.nextInt(3) : 0;
            if (quote == 1 && !w.contains("]")) {
                name = "[" + w + "]";
            } else if (quote == 2) {
                name = "`" + w.replace("`", "``") + "`";
            } else {
                name = "\"" + w.replace("\"", "\"\"") + "\"";
            }
            folded = Token.asciiLower(w);
        }
        if (!column) {
            created.add(new QualifiedName(null, folded));
        }
        return name;
    }

    private String newColumnName() {
        return newName(true);
    }

    /** Whitespace or comments that both servers skip (a line comment ends with '\n'). */
    String sep() {
        switch (r.nextInt(10)) {
            case 0: return "\n";
            case 1: return "\t";
            case 2: return "\r\n  ";
            case 3: return " " + comment() + " ";
            case 4: return " -- a line comment; DROP TABLE users; '\n";
            case 5: return "\f ";
            default: return " ";
        }
    }

    String comment() {
        String[] comments = dialect == SqlDialect.POSTGRES
                ? new String[] {"/* c */", "/* ; DROP TABLE users; */", "/* outer /* nested; DELETE FROM users; */ still */", "/**/"}
                : new String[] {"/* c */", "/* ; DROP TABLE users; */", "/* /* not nested ; */", "/**/"};
        return comments[r.nextInt(comments.length)];
    }

    /** A keyword in random ASCII case. */
    String kw(String keyword) {
        StringBuilder sb = new StringBuilder();
        for (char c : keyword.toCharArray()) {
            sb.append(r.nextBoolean() ? Character.toLowerCase(c) : c);
        }
        return sb.toString();
    }

    String words(String... keywords) {
        StringBuilder sb = new StringBuilder();
        for (String k : keywords) {
            sb.append(sb.length() == 0 ? "" : sep()).append(kw(k));
        }
        return sb.toString();
    }
}
