package dev.schemaguard.internal.data;

/**
 * What counting one table found.
 *
 * @param table    the table
 * @param rows     rows counted (up to the limit asked for); 0 when missing or unreadable
 * @param missing  the table does not exist
 * @param error    the database's error when the table exists but could not be counted; null otherwise
 */
public record RowCount(TableName table, long rows, boolean missing, String error) {

    static RowCount counted(TableName table, long rows) {
        return new RowCount(table, rows, false, null);
    }

    static RowCount missing(TableName table) {
        return new RowCount(table, 0, true, null);
    }

    static RowCount unreadable(TableName table, String error) {
        return new RowCount(table, 0, false, error);
    }

    public boolean readable() {
        return !missing && error == null;
    }

    /** Why the table does not prove the data is there, given a minimum; empty when it does. */
    public String shortfall(long minRows) {
        if (missing) {
            return "table " + table + " does not exist";
        }
        if (error != null) {
            return "table " + table + " could not be read: " + error;
        }
        return rows < minRows ? "table " + table + " has " + rows + " rows, fewer than min_rows " + minRows : "";
    }
}
