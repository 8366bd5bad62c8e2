package dev.schemaguard.internal.sql;

import java.util.ArrayList;
import java.util.List;

/** INTERIM (replaced by the classifier branch): splits on ';' outside quotes and comments. */
public final class StatementSplitter {
    private StatementSplitter() {}

    public static List<SqlStatement> split(String script, SqlDialect dialect) {
        List<SqlStatement> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
                continue;
            }
            if (c == '\'' || c == '"') {
                int end = script.indexOf(c, i + 1);
                end = end < 0 ? script.length() - 1 : end;
                String lit = script.substring(i, end + 1);
                if (startLine < 0) startLine = line;
                current.append(lit);
                line += (int) lit.chars().filter(ch -> ch == '\n').count();
                i = end + 1;
                continue;
            }
            if (c == ';') {
                if (startLine > 0) out.add(new SqlStatement(current.toString().strip(), startLine));
                current.setLength(0);
                startLine = -1;
                i++;
                continue;
            }
            if (c == '\n') line++;
            if (startLine < 0 && !Character.isWhitespace(c)) startLine = line;
            current.append(c);
            i++;
        }
        if (startLine > 0 && !current.toString().isBlank()) out.add(new SqlStatement(current.toString().strip(), startLine));
        return out;
    }
}
