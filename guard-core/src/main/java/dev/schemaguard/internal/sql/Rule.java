package dev.schemaguard.internal.sql;

/**
 * Why a statement is not additive. Ids are stable API: logs, docs/rules.md and users match them.
 * Which rules a dialect can fire is the dialect's to say ({@link SqlSyntax#rules()}).
 */
public enum Rule {
    DROP("drop", "drops an object or a column: data or behaviour is lost"),
    RENAME("rename", "renames a table, column or other object: running code still uses the old name"),
    DELETE("delete", "deletes rows"),
    UPDATE("update", "rewrites rows (UPDATE, MERGE)"),
    INSERT("insert", "writes rows (INSERT, REPLACE, upsert)"),
    TRUNCATE("truncate", "empties a table"),
    CREATE_TRIGGER("create-trigger", "creates a trigger: opaque code run on every write"),
    PRAGMA("pragma", "changes database settings or internals (PRAGMA)"),
    ATTACH("attach", "attaches, detaches or names another database file"),
    VACUUM("vacuum", "rewrites the whole database file or table (VACUUM)"),
    REINDEX("reindex", "rebuilds indexes (REINDEX)"),
    ANALYZE("analyze", "recomputes planner statistics (ANALYZE)"),
    SELECT("select", "runs a query (SELECT, WITH, VALUES, EXPLAIN): it can call functions"),
    CREATE_TABLE_AS_SELECT("create-table-as-select", "creates a table from a query: runs the query"),
    CREATE_VIEW_OR_REPLACE("create-view-or-replace", "replaces a view that running code may depend on"),
    CREATE_VIRTUAL_TABLE("create-virtual-table", "creates a virtual table: module code runs"),
    CREATE_MATERIALIZED_VIEW("create-materialized-view", "creates a materialized view: runs its query"),
    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT("add-column-not-null-without-default",
            "adds a NOT NULL column without a default: fails on existing rows"),
    ADD_COLUMN_NON_CONSTANT_DEFAULT("add-column-non-constant-default",
            "adds a column whose default is not a known constant or known-stable expression"),
    ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default",
            "adds a column with a volatile default, serial or identity: rewrites the table"),
    ADD_COLUMN_GENERATED("add-column-generated", "adds a generated column: computed for every existing row"),
    ADD_COLUMN_CONSTRAINT("add-column-constraint",
            "adds a PRIMARY KEY, UNIQUE or CHECK column, or a REFERENCES column whose default is not NULL"),
    CREATE_EXISTING_OBJECT("create-existing-object",
            "creates an object that already exists, without IF NOT EXISTS: the migration would fail"),
    ALTER_COLUMN("alter-column", "changes a column's type, nullability, default or storage"),
    TRANSACTION_CONTROL("transaction-control",
            "BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE: breaks atomic apply of the migration"),
    EMPTY_MIGRATION("empty-migration", "the migration holds no statement (empty or comments only)"),
    UNPARSEABLE("unparseable", "the statement cannot be tokenized or is not understood"),
    UNKNOWN_STATEMENT("unknown-statement", "a statement kind the classifier does not know"),
    MULTIPLE_STATEMENTS("multiple-statements", "one piece of text holds more than one statement"),
    CREATE_INDEX_NON_CONCURRENTLY("create-index-non-concurrently",
            "builds an index on an existing table without CONCURRENTLY: blocks writes"),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction",
            "CREATE INDEX CONCURRENTLY is mixed with other statements"),
    ADD_CONSTRAINT("add-constraint",
            "adds a constraint to an existing table without NOT VALID: scans under a lock"),
    VALIDATE_CONSTRAINT("validate-constraint", "validates a constraint: scans the whole table"),
    SET("set", "changes a session or server setting (other than lock_timeout, statement_timeout)"),
    DO_BLOCK("do-block", "runs an anonymous code block (DO)"),
    CREATE_FUNCTION("create-function", "creates or replaces a function, procedure or aggregate"),
    CREATE_RULE("create-rule", "creates a rewrite rule"),
    GRANT("grant", "changes privileges (GRANT, REVOKE, ALTER DEFAULT PRIVILEGES)"),
    OWNER_TO("owner-to", "changes an owner (OWNER TO, AUTHORIZATION)"),
    SET_SCHEMA("set-schema", "moves an object to another schema"),
    CREATE_EXTENSION("create-extension", "installs an extension: runs its install script"),
    COPY("copy", "copies data in or out, may run a program"),
    SELECT_INTO("select-into", "creates a table from a query (SELECT INTO)"),
    PARTITION("partition", "attaches or detaches a partition"),
    ROW_LEVEL_SECURITY("row-level-security", "enables, disables or defines row-level security"),
    ENABLE_DISABLE_TRIGGER("enable-disable-trigger", "enables or disables triggers or rules"),
    REPLICA_IDENTITY("replica-identity", "changes a table's replica identity"),
    STORAGE_PARAMETERS("storage-parameters", "changes storage parameters, tablespace, logging or clustering"),
    REFRESH_MATERIALIZED_VIEW("refresh-materialized-view", "refreshes a materialized view: runs its query"),
    CALL("call", "calls a procedure"),
    GUARD_LEDGER("guard-ledger", "creates, changes or names the guard's own ledger or lock table"),
    TEMP_OBJECT("temp-object", "creates a temporary object: gone with the connection, and it can shadow real ones"),
    GUARD_LIMITS("guard-limits", "lifts the guard's lock_timeout or statement_timeout (0, DEFAULT, RESET)"),
    FK_ACTION("fk-action", "a foreign key on an existing table that cascades, nulls or defaults rows"),
    INHERITANCE("inheritance", "makes a table inherit another: its rows appear in the parent's queries"),
    ADD_COLUMN_TYPE("add-column-type", "adds a column to an existing table with a type the server may check per row"),
    INDEX_FUNCTION("index-function", "indexes an existing table on a function not known to be safe per row"),
    DDL_NOT_ATOMIC("ddl-not-atomic", "a migration of several statements on a database whose DDL commits on its own, "
            + "with a statement that cannot safely run twice"),
    TABLE_COPY("table-copy", "alters an existing table in a way that may copy it under a lock: no ALGORITHM=INSTANT, "
            + "NOCOPY or INPLACE with LOCK=NONE");

    private final String id;
    private final String summary;

    Rule(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public String summary() {
        return summary;
    }
}
