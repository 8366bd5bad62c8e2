package dev.schemaguard.mariadb.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.internal.sql.Lexer;
import dev.schemaguard.internal.sql.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers as MariaDB's scanner reads them: no '_' between digits (unlike SQLite and PostgreSQL), no letters glued on. */
class MariaDbLexerNumbersTest {

    private static List<String> numbers(String sql) {
        Lexer.Result result = new MariaDbLexer(sql).run();
        assertNull(result.error(), sql + ": " + result.error());
        return result.tokens().stream().filter(t -> t.kind() == Token.Kind.NUMBER).map(Token::raw).toList();
    }

    private static String error(String sql) {
        Lexer.Result result = new MariaDbLexer(sql).run();
        assertTrue(result.error() != null, sql + " lexes without an error: " + result.tokens());
        return result.error().message();
    }

    @Test
    void decimalsFractionsExponentsAndHex_areOneNumberEach() {
        assertEquals(List.of("1", "2.5", ".5", "1e5", "1.5E+3", "2e-7", "0x1F", "0b101"),
                numbers("SELECT 1, 2.5, .5, 1e5, 1.5E+3, 2e-7, 0x1F, 0b101"));
        assertEquals(List.of("1", "2"), numbers("SELECT 1-2"), "a minus sign is an operator");
    }

    @Test
    void aNumberWithLettersOrAnUnderscoreGluedOn_isRefused() {
        for (String sql : List.of("SELECT 1abc", "SELECT 1_000", "SELECT 1e", "SELECT 0x1g", "SELECT 12.5x")) {
            assertTrue(error(sql).startsWith("a number followed by letters"), sql + ": " + error(sql));
        }
    }
}
