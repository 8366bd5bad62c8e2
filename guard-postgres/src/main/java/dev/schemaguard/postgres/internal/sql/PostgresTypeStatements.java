package dev.schemaguard.postgres.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.ColumnDefinition;
import dev.schemaguard.internal.sql.CommonStatements;
import dev.schemaguard.internal.sql.CreateTableBody;
import dev.schemaguard.internal.sql.Names;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.SqlSyntax;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

import java.util.List;

/**
 * CREATE TYPE, CREATE DOMAIN and ALTER TYPE ... ADD VALUE: they only create new things (or add an
 * enum label). Types with code of their own (base types with I/O functions, ranges with functions)
 * are not understood, so they are refused.
 */
final class PostgresTypeStatements {
    private static final SqlSyntax D = PostgresSql.SYNTAX;

    private PostgresTypeStatements() {}

    /** After CREATE TYPE: AS ENUM (...), AS (composite), or AS RANGE (SUBTYPE = ...). */
    static Analysis createType(TokenCursor c) {
        QualifiedName name = Names.qualified(c, D);
        c.expectWords("AS");
        boolean plain = true;
        if (c.acceptWords("ENUM")) {
            for (Token label : c.group()) {
                if (label.kind() != Token.Kind.STRING && !label.isOp(",")) {
                    throw new TokenCursor.NotRecognized("an enum label must be a string, not '" + label.raw() + "'");
                }
            }
        } else if (c.acceptWords("RANGE")) {
            rangeOptions(c.group());
            plain = false;
        } else {
            CreateTableBody.parse(c.group(), D);
        }
        c.expectEnd();
        return Analysis.creating(name, false).plainType(plain);
    }

    /** Only SUBTYPE (and its opclass, collation): the other options name functions. */
    private static void rangeOptions(List<Token> options) {
        TokenCursor o = new TokenCursor(options);
        do {
            Token key = o.next();
            if (!(key.isWord("SUBTYPE") || key.isWord("SUBTYPE_OPCLASS") || key.isWord("COLLATION"))) {
                throw new TokenCursor.NotRecognized("range option " + key.raw() + " names a function");
            }
            o.expectOp("=");
            Names.qualified(o, D);
        } while (o.acceptOp(","));
        o.expectEnd();
    }

    /** After CREATE DOMAIN: plain when it has no CHECK, no NOT NULL and no DEFAULT (nothing to check or fill per row). */
    static Analysis createDomain(TokenCursor c) {
        QualifiedName name = Names.qualified(c, D);
        c.acceptWords("AS");
        ColumnDefinition column = ColumnDefinition.parseTypeAndConstraints(name.name(), c, D);
        c.expectEnd();
        if (column.primaryKeyOrUnique() || column.references() != null || column.generated() != ColumnDefinition.Generated.NONE) {
            throw new TokenCursor.NotRecognized("a domain takes only DEFAULT, COLLATE, NOT NULL, NULL and CHECK");
        }
        // A domain's DEFAULT fills the column on every existing row (a volatile one rewrites the table).
        return Analysis.creating(name, false).plainType(!column.check() && !column.notNull() && !column.hasDefault());
    }

    /** After ALTER TYPE: ADD VALUE [IF NOT EXISTS] 'label' [BEFORE|AFTER 'label']; anything else is not additive. */
    static Analysis alterType(TokenCursor c, List<Token> tokens) {
        Names.qualified(c, D);
        if (!c.acceptWords("ADD", "VALUE")) {
            if (CommonStatements.hasTopLevelWord(tokens, "RENAME")) {
                return CommonStatements.refuse(Rule.RENAME, "Running code still uses the old name.");
            }
            if (CommonStatements.hasTopLevelWord(tokens, "OWNER")) {
                return PostgresGrammar.ownerTo();
            }
            return PostgresGrammar.unknown();
        }
        c.acceptWords("IF", "NOT", "EXISTS");
        expectString(c);
        if (c.acceptWords("BEFORE") || c.acceptWords("AFTER")) {
            expectString(c);
        }
        c.expectEnd();
        return Analysis.accept();
    }

    private static void expectString(TokenCursor c) {
        if (c.next().kind() != Token.Kind.STRING) {
            throw new TokenCursor.NotRecognized("an enum label must be a string");
        }
    }
}
