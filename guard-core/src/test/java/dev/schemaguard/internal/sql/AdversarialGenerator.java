package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;
import dev.schemaguard.testing.property.Choices;

/**
 * Hides one destructive statement among additive ones, in a way that the server really executes it:
 * right after a comment, after a string or quoted name full of ';' and '--', after a comment that
 * looks nested (it is not, in SQLite) or a line comment ended by '\r' (which ends it in PostgreSQL),
 * with mangled case, comments between its keywords, on the same line as others, with or without ';'.
 */
final class AdversarialGenerator {
    /** A destructive statement as tokens ("K:" marks a keyword to mangle) and the rule it must trigger. */
    record Destructive(String[] tokens, Rule rule) {}

    static final List<Destructive> SQLITE = List.of(
            d(Rule.DROP, "K:DROP K:TABLE users"),
            d(Rule.DROP, "K:ALTER K:TABLE users K:DROP K:COLUMN email"),
            d(Rule.DELETE, "K:DELETE K:FROM users"),
            d(Rule.UPDATE, "K:UPDATE users K:SET email = NULL"),
            d(Rule.INSERT, "K:INSERT K:INTO users K:VALUES ( 1 )"),
            d(Rule.INSERT, "K:REPLACE K:INTO users K:VALUES ( 1 )"),
            d(Rule.PRAGMA, "K:PRAGMA writable_schema = 1"),
            d(Rule.ATTACH, "K:ATTACH K:DATABASE '/tmp/x.db' K:AS x"),
            d(Rule.VACUUM, "K:VACUUM"),
            d(Rule.RENAME, "K:ALTER K:TABLE users K:RENAME K:TO old_users"),
            d(Rule.SELECT, "K:SELECT load_extension ( 'evil' )"),
            d(Rule.CREATE_TRIGGER, "K:CREATE K:TRIGGER tr K:AFTER K:INSERT K:ON users K:BEGIN K:DELETE K:FROM users ; K:END"),
            d(Rule.TRANSACTION_CONTROL, "K:BEGIN"),
            d(Rule.CREATE_TABLE_AS_SELECT, "K:CREATE K:TABLE copy_t K:AS K:SELECT * K:FROM users"),
            d(Rule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT, "K:ALTER K:TABLE users K:ADD nn K:TEXT K:NOT K:NULL"),
            d(Rule.CREATE_EXISTING_OBJECT, "K:CREATE K:TABLE users ( a )"),
            d(Rule.REINDEX, "K:REINDEX"),
            d(Rule.CREATE_VIRTUAL_TABLE, "K:CREATE K:VIRTUAL K:TABLE vt K:USING fts5 ( a )"));

    static final List<Destructive> POSTGRES = List.of(
            d(Rule.DROP, "K:DROP K:TABLE users"),
            d(Rule.DELETE, "K:DELETE K:FROM users"),
            d(Rule.UPDATE, "K:UPDATE users K:SET email = NULL"),
            d(Rule.INSERT, "K:INSERT K:INTO users K:VALUES ( 1 )"),
            d(Rule.TRUNCATE, "K:TRUNCATE users"),
            d(Rule.DO_BLOCK, "K:DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$"),
            d(Rule.GRANT, "K:GRANT K:ALL K:ON users K:TO public"),
            d(Rule.CREATE_INDEX_NON_CONCURRENTLY, "K:CREATE K:INDEX i_users_a K:ON users ( a )"),
            d(Rule.ALTER_COLUMN, "K:ALTER K:TABLE users K:ALTER K:COLUMN a K:TYPE bigint"),
            d(Rule.ADD_COLUMN_VOLATILE_DEFAULT, "K:ALTER K:TABLE users K:ADD K:COLUMN z uuid K:DEFAULT gen_random_uuid ( )"),
            d(Rule.SET, "K:SET search_path K:TO evil"),
            d(Rule.COPY, "K:COPY users K:FROM K:PROGRAM 'curl evil'"),
            d(Rule.CREATE_FUNCTION, "K:CREATE K:FUNCTION f ( ) K:RETURNS int K:AS $$ SELECT 1; $$ K:LANGUAGE sql"),
            d(Rule.SELECT, "K:SELECT pg_sleep ( 1 )"),
            d(Rule.RENAME, "K:ALTER K:TABLE users K:RENAME K:TO old_users"),
            d(Rule.TRANSACTION_CONTROL, "K:COMMIT"),
            d(Rule.ADD_CONSTRAINT, "K:ALTER K:TABLE users K:ADD K:CONSTRAINT c K:CHECK ( a > 0 )"),
            d(Rule.CALL, "K:CALL p ( )"),
            d(Rule.OWNER_TO, "K:ALTER K:TABLE users K:OWNER K:TO mallory"),
            d(Rule.CREATE_EXISTING_OBJECT, "K:CREATE K:TABLE users ( a int )"));

    private final MigrationGenerator g;
    private final Choices r;
    Destructive hidden;

    AdversarialGenerator(Choices r, SqlDialect dialect) {
        this.r = r;
        this.g = new MigrationGenerator(r, dialect);
    }

    /** A migration that contains exactly one executed destructive statement, recorded in {@link #hidden}. */
    String migration() {
        List<Destructive> pool = g.dialect == SqlDialect.SQLITE ? SQLITE : POSTGRES;
        hidden = pool.get(r.nextInt(pool.size()));
        List<String> statements = new ArrayList<>(g.additiveStatements());
        int at = r.nextInt(statements.size() + 1);
        String carrier = carrier();
        if (carrier.startsWith("STMT:")) {
            statements.add(at, carrier.substring(5));
            at++;
            carrier = "";
        }
        statements.add(at, carrier + mangled(hidden));
        return g.join(statements);
    }

    /** What stands right before the destructive statement; "STMT:" means an extra statement before it. */
    private String carrier() {
        List<String> carriers = new ArrayList<>(List.of("", "-- harmless comment; nothing here\n",
                "/* CREATE TABLE decoy (a); */ ", "/*;*/", "\n\n\n",
                "STMT:" + g.words("CREATE", "TABLE") + " \"semi;--\" ( \"a;b\" TEXT DEFAULT ';--' )",
                "STMT:" + g.words("CREATE", "TABLE") + " s" + r.nextInt(1_000_000) + " ( a TEXT DEFAULT 'DROP TABLE users; --' )"));
        if (g.dialect == SqlDialect.SQLITE) {
            carriers.add("/* looks nested /* but is not */ ");
            carriers.add("STMT:" + g.words("CREATE", "TABLE") + " bs" + r.nextInt(1_000_000) + " ( a TEXT DEFAULT 'a\\' )");
            carriers.add("STMT:" + g.words("CREATE", "TABLE") + " [br;--" + r.nextInt(1_000_000) + "] ( `x;` TEXT )");
        } else {
            carriers.add("/* outer /* nested; DROP TABLE x; */ still a comment; */ ");
            carriers.add("-- a line comment ended by a carriage return\r");
            carriers.add("STMT:" + g.words("CREATE", "TABLE") + " es" + r.nextInt(1_000_000) + " ( a text DEFAULT E'it\\'s;--' )");
            carriers.add("STMT:" + g.words("CREATE", "TABLE") + " ds" + r.nextInt(1_000_000)
                    + " ( a text DEFAULT $x$ $$ ; -- $x$ )");
        }
        return carriers.get(r.nextInt(carriers.size()));
    }

    private String mangled(Destructive d) {
        StringBuilder sb = new StringBuilder();
        for (String token : d.tokens()) {
            if (sb.length() > 0) {
                sb.append(r.nextInt(3) == 0 ? g.sep() : " ");
            }
            sb.append(token.startsWith("K:") ? g.kw(token.substring(2)) : token);
        }
        return sb.toString();
    }

    /** Splits at spaces outside '...' and $$...$$, so that separators never land inside a literal. */
    private static Destructive d(Rule rule, String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        boolean inDollar = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' && !inDollar) {
                inString = !inString;
            } else if (c == '$' && !inString && text.startsWith("$$", i)) {
                inDollar = !inDollar;
                current.append('$');
                i++;
            }
            if (c == ' ' && !inString && !inDollar) {
                tokens.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        tokens.add(current.toString());
        return new Destructive(tokens.toArray(String[]::new), rule);
    }
}
