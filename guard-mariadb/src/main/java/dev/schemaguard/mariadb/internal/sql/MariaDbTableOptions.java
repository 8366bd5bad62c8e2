package dev.schemaguard.mariadb.internal.sql;

import dev.schemaguard.internal.sql.Analysis;
import dev.schemaguard.internal.sql.Rule;
import dev.schemaguard.internal.sql.Token;
import dev.schemaguard.internal.sql.TokenCursor;

import java.util.Set;

/**
 * Table options of CREATE TABLE (and, on ALTER TABLE, a change of them). Only known options with
 * plain values are understood; an engine other than the local storage engines is refused: CONNECT,
 * FEDERATED, SPIDER or S3 read other servers or files, which is not a schema addition.
 */
final class MariaDbTableOptions {
    private static final Set<String> NAMES = Set.of("engine", "auto_increment", "avg_row_length", "checksum",
            "comment", "key_block_size", "max_rows", "min_rows", "pack_keys", "page_checksum", "page_compressed",
            "page_compression_level", "row_format", "stats_auto_recalc", "stats_persistent", "stats_sample_pages",
            "transactional", "delay_key_write", "encrypted", "encryption_key_id", "sequence", "charset", "collate");
    private static final Set<String> LOCAL_ENGINES = Set.of("innodb", "aria", "myisam", "memory", "heap");

    private MariaDbTableOptions() {
    }

    static boolean startsOption(TokenCursor c) {
        Token t = c.peek();
        return t != null && t.kind() == Token.Kind.WORD && (NAMES.contains(t.folded()) || t.isWord("DEFAULT")
                || c.peekWords("CHARACTER", "SET"));
    }

    /** Reads one option ({@code [DEFAULT] name [=] value}); refuses an engine that reaches outside the server. */
    static Analysis read(TokenCursor c) {
        c.acceptWords("DEFAULT");
        boolean engine = false;
        if (!c.acceptWords("CHARACTER", "SET")) {
            Token name = c.next();
            if (!NAMES.contains(name.folded())) {
                throw new TokenCursor.NotRecognized("unknown table option '" + name.raw() + "'");
            }
            engine = name.isWord("ENGINE");
        }
        MariaDbNames.optionalEquals(c);
        Token value = c.next();
        boolean plain = value.kind() == Token.Kind.WORD || value.kind() == Token.Kind.NUMBER
                || value.kind() == Token.Kind.STRING || value.kind() == Token.Kind.QUOTED_IDENT;
        if (!plain) {
            throw new TokenCursor.NotRecognized("unexpected '" + value.raw() + "' as a table option's value");
        }
        if (engine && !LOCAL_ENGINES.contains(value.folded())) {
            return Analysis.refuse(Rule.UNKNOWN_STATEMENT, "ENGINE=" + value.raw() + " is not a local storage engine "
                    + "(InnoDB, Aria, MyISAM, MEMORY): it may read other servers or files. Apply it in a reviewed migration.");
        }
        return null;
    }
}
