package dev.schemaguard.sqlite;

import dev.schemaguard.internal.sql.Token;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The rows of main's {@code sqlite_schema}, read in one query that returns each column's values joined
 * by NUL: five values from the native library instead of five a row, and rows that can be compared
 * with an earlier reading's as bytes (in the database's text encoding), without a string or a map per
 * row. A first boot of thousands of migrations reads the schema after each one, and the schema grows
 * with each one: reading and comparing every row as text made that boot's cost grow with the square
 * of its migrations.
 *
 * <p>Exact: SQL text, names and types cannot hold a NUL, and a reading whose columns do not split into
 * exactly one value a row (a NUL or a missing value written with {@code writable_schema}) is refused
 * rather than compared.
 */
final class SchemaRows {
    /**
     * group_concat, not its newer name string_agg: a service may bring an older sqlite-jdbc. A text cast
     * to a blob is its bytes in the database's encoding, which may be UTF-16 (a NUL is then two zero
     * bytes): the encoding comes with the values, and bytes are read as it says. Bytes and not text,
     * since decoding the whole schema at every reading cost a fifth of a first boot of 10,000.
     */
    private static final String QUERY = "SELECT (SELECT schema_version FROM pragma_schema_version), count(*),"
            + " (SELECT encoding FROM pragma_encoding), group_concat(rowid, ','),"
            + " CAST(group_concat(type, char(0)) AS BLOB), CAST(group_concat(name, char(0)) AS BLOB),"
            + " CAST(group_concat(tbl_name, char(0)) AS BLOB), CAST(group_concat(coalesce(sql, ''), char(0)) AS BLOB)"
            + " FROM main.sqlite_schema";
    private static final byte[] NONE = new byte[0];
    private static final String[] COLUMNS = {"type", "name", "tbl_name", "sql"};

    /** No rows: what a first reading is compared with. */
    static final SchemaRows NO_ROWS = new SchemaRows(-1, StandardCharsets.UTF_8, new long[0], new byte[4][0], new int[4][1], true);

    /** main's schema cookie when read. */
    final long version;
    /** The database's text encoding: UTF-8, or UTF-16 of either byte order. */
    private final Charset encoding;
    /** Bytes a character takes in the encoding at the least (and a NUL exactly): 1, or 2 in UTF-16. */
    private final int unit;
    private final long[] rowids;
    /** Per column (type, name, tbl_name, sql): the values joined by NUL, and where each row's value starts. */
    private final byte[][] values;
    private final int[][] starts;
    /** Whether the rowids ascend, as a scan of the table returns them; merging two readings relies on it. */
    private final boolean ascending;

    private SchemaRows(long version, Charset encoding, long[] rowids, byte[][] values, int[][] starts, boolean ascending) {
        this.version = version;
        this.encoding = encoding;
        this.unit = unit(encoding);
        this.rowids = rowids;
        this.values = values;
        this.starts = starts;
        this.ascending = ascending;
    }

    static SchemaRows read(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            long version = rs.getLong(1);
            int count = rs.getInt(2);
            Charset encoding = encoding(rs.getString(3));
            long[] rowids = rowids(rs.getString(4), count);
            byte[][] values = new byte[4][];
            int[][] starts = new int[4][];
            for (int column = 0; column < 4; column++) {
                byte[] joined = rs.getBytes(column + 5);
                values[column] = joined == null ? NONE : joined;
                starts[column] = starts(values[column], unit(encoding), count, COLUMNS[column]);
            }
            boolean ascending = true;
            for (int i = 1; i < count; i++) {
                ascending &= rowids[i] > rowids[i - 1];
            }
            return new SchemaRows(version, encoding, rowids, values, starts, ascending);
        }
    }

    private static Charset encoding(String name) throws SQLException {
        switch (name == null ? "" : name.toUpperCase(java.util.Locale.ROOT)) {
            case "UTF-8":
                return StandardCharsets.UTF_8;
            case "UTF-16LE":
                return StandardCharsets.UTF_16LE;
            case "UTF-16BE":
                return StandardCharsets.UTF_16BE;
            default:
                throw new SQLException("the database's text encoding is " + name + ", which the engine's evidence cannot read");
        }
    }

    private static int unit(Charset encoding) {
        return encoding == StandardCharsets.UTF_8 ? 1 : 2;
    }

    private static long[] rowids(String joined, int count) throws SQLException {
        long[] rowids = new long[count];
        int row = 0;
        long value = 0;
        boolean negative = false;
        for (int i = 0; joined != null && i <= joined.length(); i++) {
            char c = i == joined.length() ? ',' : joined.charAt(i);
            if (c == ',') {
                if (row == count) {
                    throw unreadable("rowid");
                }
                rowids[row++] = negative ? -value : value;
                value = 0;
                negative = false;
            } else if (c == '-') {
                negative = true;
            } else {
                value = value * 10 + (c - '0');
            }
        }
        if (row != count) {
            throw unreadable("rowid");
        }
        return rowids;
    }

    /**
     * Where each of {@code count} values starts, and where a value past the last would (after a NUL that
     * is not there); refused unless there are exactly count - 1 NULs. A NUL is {@code unit} zero bytes at
     * a character's boundary: UTF-8 has no zero byte in any other character, UTF-16 no zero unit.
     */
    private static int[] starts(byte[] joined, int unit, int count, String column) throws SQLException {
        int[] starts = new int[count + 1];
        int row = 1;
        for (int i = 0; i + unit <= joined.length; i += unit) {
            if (joined[i] == 0 && joined[i + unit - 1] == 0) {
                if (row == count) {
                    throw unreadable(column);
                }
                starts[row++] = i + unit;
            }
        }
        if (count > 0 && row != count || joined.length % unit != 0) {
            throw unreadable(column);
        }
        starts[count] = joined.length + unit;
        return starts;
    }

    private static SQLException unreadable(String column) {
        return new SQLException("main.sqlite_schema has a " + column + " that is missing or holds a NUL character (written with"
                + " PRAGMA writable_schema); the engine cannot compare the schema before and after a migration. Repair the schema.");
    }

    int size() {
        return rowids.length;
    }

    /** The indexes of this reading's rows that {@code other} does not hold unchanged, at the same rowid. */
    int[] notIn(SchemaRows other) {
        int[] differing = new int[size()];
        int found = 0;
        if (ascending && other.ascending && encoding.equals(other.encoding)) {
            int j = 0;
            for (int i = 0; i < size(); ) {
                while (j < other.size() && other.rowids[j] < rowids[i]) {
                    j++;
                }
                int same = j == other.size() || other.rowids[j] != rowids[i] ? 0 : sameRun(i, other, j);
                if (same == 0) {
                    differing[found++] = i++;
                } else {
                    i += same;
                    j += same;
                }
            }
        } else {
            for (int i = 0; i < size(); i++) {
                differing[found++] = i;
            }
        }
        return Arrays.copyOf(differing, found);
    }

    /**
     * How many rows from row {@code i} on are the same, rowid and values, as {@code other}'s from row
     * {@code j} on: each column compared as one run of bytes (a migration leaves most of the schema's
     * bytes as they were), not row by row.
     */
    private int sameRun(int i, SchemaRows other, int j) {
        int limit = Math.min(size() - i, other.size() - j);
        int mismatch = Arrays.mismatch(rowids, i, i + limit, other.rowids, j, j + limit);
        int run = mismatch < 0 ? limit : mismatch;
        for (int column = 0; column < 4 && run > 0; column++) {
            int[] mine = starts[column];
            int[] theirs = other.starts[column];
            // the run's values and the NUL after each but the last: equal bytes split alike
            int bytes = Arrays.mismatch(values[column], mine[i], mine[i + run] - unit, other.values[column], theirs[j],
                    theirs[j + run] - unit);
            if (bytes >= 0) {
                // rows whose value and following NUL lie wholly before the first differing byte
                int covered = Arrays.binarySearch(mine, i, i + run + 1, mine[i] + bytes);
                run = (covered >= 0 ? covered : -covered - 2) - i;
            }
        }
        return run;
    }

    private String value(int column, int row) {
        int from = starts[column][row];
        return new String(values[column], from, starts[column][row + 1] - unit - from, encoding);
    }

    long rowid(int row) {
        return rowids[row];
    }

    String type(int row) {
        return value(0, row);
    }

    /** The name lower-cased as SQLite folds names (lower() without ICU, and name lookups): ASCII letters only. */
    String name(int row) {
        return Token.asciiLower(value(1, row));
    }

    String table(int row) {
        return Token.asciiLower(value(2, row));
    }

    String sql(int row) {
        return value(3, row);
    }

    /** An object's identity: its kind and name (a trigger may share its name with a table). */
    String key(int row) {
        return type(row) + " " + name(row);
    }

    /** What must stay the same for the object to be unchanged: its kind, table and stored SQL. */
    String definition(int row) {
        return type(row) + " " + table(row) + " " + sql(row);
    }

    boolean isTable(int row) {
        return type(row).equals("table");
    }
}
