package dev.schemaguard.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the catalog says about the user's objects that a migration must leave as it was: rows of
 * (kind, key, fingerprint). Keys hold object ids, so a dropped and re-created object is a different
 * key; fingerprints are "field=value" lists, so a difference can be named.
 *
 * <p>Nothing here may wait for another session's lock: {@code pg_get_indexdef}, {@code pg_get_viewdef}
 * and {@code pg_get_expr} with a table take a lock on that table, so while another session held ACCESS
 * EXCLUSIVE on any table (a long ALTER, a LOCK TABLE) every boot's evidence waited until lock_timeout,
 * and a LOCK_TIMEOUT could not name the table the migration was waiting for. Indexes, views and policies
 * are fingerprinted from their catalog rows instead, and a column default is deparsed without its table
 * (it holds no column reference; a generated column's expression, which does, is fingerprinted).
 *
 * <p>Reading it all costs time in proportion to the schema, twice per migration: a first boot of 1,000
 * migrations spent most of its time here. So there are three readings. {@link #full} reads everything.
 * {@link #session} reads only what belongs to the session and its transaction, and says whether any
 * other transaction committed since an earlier reading: when none did, the catalog part of that reading
 * is still true. {@link #incremental} reads, besides the session's part, only the catalog rows written
 * since the migration's transaction began ({@code xmin} at or after its transaction id: its own writes,
 * subtransactions included); the session's part says how many rows of each catalog the transaction
 * deleted (its statistics), which no xmin can show; and it says when that is not enough to know the
 * rest is unchanged (see {@link #UNSURE}), and then the caller reads everything.
 */
final class CatalogEvidence {
    /** User schemas: not the system's, not TOAST's, not any session's temporary schema. */
    private static final String USER_NS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    /** A catalog row written by this transaction or by one that began after it (age 0 or less: not older than ours). */
    private static String ours(String alias) {
        return "age(" + alias + ".xmin) <= 0";
    }

    /**
     * One kind of evidence: {@code SELECT <kind>, <key>, <fingerprint> <from>}. A catalog kind names the
     * rows that show this transaction wrote it ({@code written}); a session kind ({@code written} empty)
     * belongs to the session and its transaction and is read in full every time.
     */
    private record Part(String kind, String key, String fingerprint, String from, List<String> written) {
        Part(String kind, String key, String fingerprint, String from, String written) {
            this(kind, key, fingerprint, from, List.of(written));
        }

        String select() {
            return "SELECT '" + kind + "', " + key + ", " + fingerprint + " " + from;
        }

        /** One query per way of finding the rows this transaction wrote; a row found twice is the same entry. */
        java.util.stream.Stream<String> selectWritten() {
            return written.stream().map(rows -> select() + (from.contains(" WHERE ") ? " AND (" : " WHERE (") + rows + ")");
        }
    }

    /** The relations whose catalog row this transaction wrote (new, or changed). */
    private static final String WRITTEN_RELATIONS = "ARRAY(SELECT w.oid FROM pg_class w WHERE " + ours("w") + ")";

    /**
     * Whether this transaction updated a row of these catalogs since the reading {@code ?} stands for
     * (their update counts then, summed): the statistics of the transaction in progress.
     */
    private static String updatedSince(String... catalogs) {
        return "(SELECT sum(pg_stat_get_xact_tuples_updated(x.oid)) FROM pg_class x WHERE x.relnamespace = 'pg_catalog'::regnamespace"
                + " AND x.relname IN ('" + String.join("', '", catalogs) + "')) > ?::bigint";
    }

    private static final List<Part> CATALOG = List.of(
            // relations: storage (relfilenode: a rewrite or TRUNCATE changes it), options, privileges,
            // row security, owner, what a view says, and whether its name still resolves to it
            new Part("rel", "c.oid::text", "concat_ws(';', 'name=' || n.nspname || '.' || c.relname, 'kind=' || c.relkind::text,"
                    + " 'relfilenode=' || c.relfilenode, 'persistence=' || c.relpersistence::text, 'tablespace=' || c.reltablespace,"
                    + " 'options=' || coalesce(c.reloptions::text, ''), 'acl=' || coalesce(c.relacl::text, ''),"
                    + " 'rowsecurity=' || c.relrowsecurity || '/' || c.relforcerowsecurity, 'replident=' || c.relreplident::text,"
                    + " 'owner=' || c.relowner, 'visible=' || pg_table_is_visible(c.oid),"
                    + " 'query=' || coalesce(md5(v.ev_action::text), ''))",
                    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_rewrite v ON v.ev_class = c.oid AND v.rulename = '_RETURN' WHERE c.relkind <> 't' AND " + USER_NS,
                    ours("c") + " OR coalesce(" + ours("v") + ", false)"),
            // columns (and a composite type's attributes): type, nullability, default, identity, generation,
            // collation, privileges
            new Part("col", "a.attrelid || '.' || a.attnum", "concat_ws(';', 'name=' || c.relname || '.' || a.attname,"
                    + " 'type=' || format_type(a.atttypid, a.atttypmod), 'notnull=' || a.attnotnull, 'dropped=' || a.attisdropped,"
                    + " 'identity=' || a.attidentity::text, 'storage=' || a.attstorage::text, 'generated=' || a.attgenerated::text, 'collation=' || a.attcollation,"
                    + " 'acl=' || coalesce(a.attacl::text, ''), 'default=' || coalesce(CASE WHEN a.attgenerated = ''"
                    + " THEN pg_get_expr(d.adbin, 0) ELSE md5(d.adbin::text) END, ''))",
                    "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attnum > 0 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND " + USER_NS,
                    // A relation's attribute rows are inserted only with its own row written (a new relation,
                    // ADD COLUMN's new attribute count), so those are found through pg_attribute's index; only
                    // when this transaction updated attribute or default rows (SET NOT NULL, DROP COLUMN, GRANT,
                    // a new default on an old column) are all of them, the largest catalog, looked through.
                    List.of("a.attrelid = ANY(" + WRITTEN_RELATIONS + ")",
                            updatedSince("pg_attribute", "pg_attrdef") + " AND (" + ours("a") + " OR coalesce(" + ours("d") + ", false))")),
            // constraints, on tables and on domains; conrelid leads the key so new ones can be placed
            new Part("con", "k.conrelid || ':' || k.oid", "concat_ws(';', 'name=' || k.conname, 'type=' || k.contype::text,"
                    + " 'validated=' || k.convalidated, 'deferrable=' || k.condeferrable || '/' || k.condeferred,"
                    + " 'ondelete=' || k.confdeltype::text, 'onupdate=' || k.confupdtype::text, 'index=' || k.conindid,"
                    + " 'def=' || pg_get_constraintdef(k.oid))",
                    "FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE " + USER_NS, ours("k")),
            new Part("idx", "i.indrelid || ':' || i.indexrelid", "concat_ws(';', 'valid=' || i.indisvalid, 'ready=' || i.indisready,"
                    + " 'clustered=' || i.indisclustered,"
                    + " 'def=' || md5(concat_ws('/', c.relam, i.indisunique, i.indnkeyatts, i.indkey, i.indclass,"
                    + " i.indcollation, i.indoption, i.indexprs, i.indpred)))",
                    "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    // the index's relation row gives only its access method, which never changes; an index's row
                    // is inserted with its relation's, and updated alone only when it is validated or clustered
                    + " WHERE " + USER_NS, List.of("i.indexrelid = ANY(" + WRITTEN_RELATIONS + ")",
                            updatedSince("pg_index") + " AND " + ours("i"))),
            new Part("trg", "t.tgrelid || ':' || t.oid", "concat_ws(';', 'name=' || t.tgname, 'enabled=' || t.tgenabled::text,"
                    + " 'internal=' || t.tgisinternal, 'function=' || t.tgfoid, 'type=' || t.tgtype)",
                    "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_NS, ours("t")),
            new Part("rule", "r.ev_class || ':' || r.oid", "concat_ws(';', 'name=' || r.rulename, 'event=' || r.ev_type::text,"
                    + " 'enabled=' || r.ev_enabled::text, 'action=' || md5(r.ev_action::text))",
                    "FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE r.rulename <> '_RETURN' AND " + USER_NS, ours("r")),
            new Part("pol", "p.polrelid || ':' || p.oid", "concat_ws(';', 'name=' || p.polname, 'cmd=' || p.polcmd::text,"
                    + " 'permissive=' || p.polpermissive, 'roles=' || p.polroles::text,"
                    + " 'using=' || coalesce(md5(p.polqual::text), ''),"
                    + " 'check=' || coalesce(md5(p.polwithcheck::text), ''))", "FROM pg_policy p", ours("p")),
            new Part("fn", "p.oid::text", "concat_ws(';', 'name=' || n.nspname || '.' || p.proname || '('"
                    + " || pg_get_function_identity_arguments(p.oid) || ')', 'body=' || md5(coalesce(p.prosrc, '')),"
                    + " 'volatility=' || p.provolatile::text, 'definer=' || p.prosecdef, 'config=' || coalesce(p.proconfig::text, ''),"
                    + " 'acl=' || coalesce(p.proacl::text, ''), 'owner=' || p.proowner, 'visible=' || pg_function_is_visible(p.oid))",
                    "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_NS
                    // a range type's constructors belong to the type (an internal dependency), not new code
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid"
                    + " AND d.deptype = 'i')", ours("p")),
            new Part("nsp", "n.oid::text", "concat_ws(';', 'name=' || n.nspname, 'owner=' || n.nspowner,"
                    + " 'acl=' || coalesce(n.nspacl::text, ''))", "FROM pg_namespace n WHERE " + USER_NS, ours("n")),
            new Part("dacl", "d.oid::text", "concat_ws(';', 'role=' || d.defaclrole, 'schema=' || d.defaclnamespace,"
                    + " 'type=' || d.defaclobjtype::text, 'acl=' || d.defaclacl::text)", "FROM pg_default_acl d", ours("d")),
            new Part("enum", "e.oid::text", "'label=' || e.enumlabel", "FROM pg_enum e", ours("e")),
            new Part("inh", "i.inhparent || ':' || i.inhrelid", "'parent=' || i.inhparent::regclass", "FROM pg_inherits i", ours("i")),
            new Part("evt", "e.oid::text", "concat_ws(';', 'name=' || e.evtname, 'enabled=' || e.evtenabled::text)",
                    "FROM pg_event_trigger e", ours("e")),
            // types of their own (not a table's row type, not an array type): a domain's base, default and
            // NOT NULL, owner and privileges; a composite type's attributes are columns above
            new Part("typ", "t.oid::text", "concat_ws(';', 'name=' || n.nspname || '.' || t.typname, 'owner=' || t.typowner,"
                    + " 'acl=' || coalesce(t.typacl::text, ''), 'notnull=' || t.typnotnull, 'default=' || coalesce(t.typdefault, ''),"
                    + " 'base=' || format_type(t.typbasetype, t.typtypmod))",
                    "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class c ON c.oid = t.typrelid"
                    + " WHERE t.typcategory <> 'A' AND (t.typrelid = 0 OR c.relkind = 'c') AND " + USER_NS, ours("t")),
            // publications and the tables they publish: dropping either stops what a subscriber receives
            new Part("pub", "p.oid::text", "concat_ws(';', 'name=' || p.pubname, 'alltables=' || p.puballtables,"
                    + " 'publishes=' || p.pubinsert || '/' || p.pubupdate || '/' || p.pubdelete || '/' || p.pubtruncate,"
                    + " 'owner=' || p.pubowner)", "FROM pg_publication p", ours("p")),
            new Part("pubrel", "r.prpubid || ':' || r.oid", "'relation=' || r.prrelid::regclass", "FROM pg_publication_rel r", ours("r")),
            // casts and operators users made (object ids from 16384 on, the first a user object gets)
            new Part("cast", "k.oid::text", "concat_ws(';', 'name=' || format_type(k.castsource, NULL) || ' AS '"
                    + " || format_type(k.casttarget, NULL), 'function=' || k.castfunc, 'context=' || k.castcontext::text,"
                    + " 'method=' || k.castmethod::text)", "FROM pg_cast k WHERE k.oid >= 16384", ours("k")),
            new Part("opr", "o.oid::text", "concat_ws(';', 'name=' || n.nspname || '.' || o.oprname || '('"
                    + " || format_type(o.oprleft, NULL) || ', ' || format_type(o.oprright, NULL) || ')', 'function=' || o.oprcode,"
                    + " 'owner=' || o.oprowner)", "FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE " + USER_NS,
                    ours("o")));

    private static final List<Part> SESSION = List.of(
            new Part("temp", "c.oid::text", "'name=' || c.relname", "FROM pg_class c WHERE c.relnamespace = pg_my_temp_schema()", List.of()),
            new Part("tempfn", "p.oid::text", "'name=' || p.proname", "FROM pg_proc p WHERE p.pronamespace = pg_my_temp_schema()", List.of()),
            // row writes of this transaction, per table (the statistics of the transaction in progress), as
            // pg_stat_xact_user_tables counts them (its TOAST tables are all in pg_toast schemas, which it
            // leaves out, so relkind 't' is not read at all); only tables written to, all a comparison needs
            new Part("rows", "c.oid::text", "concat_ws(';', 'ins=' || pg_stat_get_xact_tuples_inserted(c.oid),"
                    + " 'upd=' || pg_stat_get_xact_tuples_updated(c.oid), 'del=' || pg_stat_get_xact_tuples_deleted(c.oid))",
                    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm', 'p')"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'"
                    + " AND pg_stat_get_xact_tuples_inserted(c.oid) + pg_stat_get_xact_tuples_updated(c.oid)"
                    + " + pg_stat_get_xact_tuples_deleted(c.oid) > 0", List.of()),
            new Part("set", "s.name", "s.setting", "FROM pg_settings s", List.of()),
            new Part("who", "'user'", "current_user || '/' || session_user", "", List.of()),
            // the schemas an unqualified name resolves in, in order: a new schema on the search_path moves them
            new Part("path", "'schemas'", "current_schemas(false)::text", "", List.of()),
            new Part("lock", "'advisory'", "count(*)::text", "FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
                    + " AND l.pid = pg_backend_pid()", List.of()),
            // rows this transaction deleted from the catalogs the kinds read (attempts in rolled-back
            // subtransactions included): a row of the catalog gone leaves nothing for an xmin to show
            new Part(Reading.DELETED, "c.relname::text", "pg_stat_get_xact_tuples_deleted(c.oid)::text",
                    "FROM pg_class c WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relname IN (" + String.join(", ",
                    List.of("pg_class", "pg_attribute", "pg_attrdef", "pg_constraint", "pg_index", "pg_trigger", "pg_rewrite",
                            "pg_policy", "pg_proc", "pg_namespace", "pg_default_acl", "pg_enum", "pg_inherits", "pg_event_trigger",
                            "pg_type", "pg_publication", "pg_publication_rel", "pg_cast", "pg_operator").stream()
                            .map(name -> "'" + name + "'").toList()) + ")", List.of()),
            // rows this transaction updated in the catalogs an incremental reading looks through only then
            new Part(Reading.UPDATED, "c.relname::text", "pg_stat_get_xact_tuples_updated(c.oid)::text",
                    "FROM pg_class c WHERE c.relnamespace = 'pg_catalog'::regnamespace"
                    + " AND c.relname IN ('pg_attribute', 'pg_attrdef', 'pg_index')", List.of()),
            // when this reading was taken, and by which transaction: what a later reading compares with
            new Part(Reading.SNAPSHOT, "coalesce(txid_current_if_assigned()::text, '')", "txid_current_snapshot()::text", "", List.of()));

    /** The guard's own tables, by their unqualified names ({@code ?}, a text array): the one parameter of a reading. */
    private static final String GUARD = "SELECT 'guard', c.oid::text, 'name=' || c.relname"
            + " FROM unnest(?::text[]) t JOIN pg_class c ON c.oid = to_regclass(quote_ident(t))";

    /**
     * How many transactions, other than {@code ?} (a transaction id, or null), committed since the
     * snapshot {@code ?}, as the current snapshot sees them; -1 when too many to count, or when that
     * transaction did not commit. Aborted transactions changed nothing; ours is still in progress.
     */
    private static final String COMMITTED_SINCE = "SELECT '" + Reading.COMMITTED + "', '', (SELECT CASE"
            + " WHEN ?::bigint IS NOT NULL AND txid_status(?::bigint) IS DISTINCT FROM 'committed' THEN -1"
            + " WHEN txid_snapshot_xmax(txid_current_snapshot()) - txid_snapshot_xmax(s) > 10000 THEN -1"
            + " ELSE (SELECT count(*) FROM (SELECT generate_series(txid_snapshot_xmax(s), txid_snapshot_xmax(txid_current_snapshot()) - 1) x"
            + " UNION SELECT txid_snapshot_xip(s)) c WHERE x IS DISTINCT FROM ?::bigint"
            + " AND txid_visible_in_snapshot(x, txid_current_snapshot()) AND coalesce(txid_status(x), 'committed') = 'committed') END"
            + " FROM (SELECT ?::txid_snapshot s) since)::text";

    /**
     * When a row written by this transaction is not one a kind reads, or a new name may change how an
     * old one is shown (a type or relation of the same name elsewhere, which can make an old one's name
     * need its schema), the kinds' own rows cannot tell that nothing else changed: read everything.
     * New tables' row types and their array types are the usual case and need nothing more.
     */
    static final String UNSURE = "SELECT '" + Reading.UNSURE + "', '', concat_ws(' ',"
            // without statistics counts no deleted catalog row can be seen (see DELETED)
            + " CASE WHEN current_setting('track_counts') <> 'on' THEN 'track_counts=off' END,"
            + " CASE WHEN EXISTS (SELECT 1 FROM pg_type t WHERE " + ours("t") + " AND NOT (t.oid = ANY(new.types)"
            + " OR t.typelem = ANY(new.types))) THEN 'type' END,"
            + " CASE WHEN EXISTS (SELECT 1 FROM pg_type t JOIN pg_type o ON o.typname = t.typname AND o.oid <> t.oid"
            + " WHERE " + ours("t") + ") THEN 'type-name' END,"
            + " CASE WHEN EXISTS (SELECT 1 FROM pg_class c JOIN pg_class o ON o.relname = c.relname AND o.oid <> c.oid"
            + " WHERE " + ours("c") + ") THEN 'relation-name' END,"
            + String.join(",", List.of("pg_operator", "pg_collation", "pg_opclass", "pg_opfamily", "pg_cast", "pg_ts_config",
                    "pg_ts_dict", "pg_extension", "pg_conversion", "pg_language", "pg_am").stream()
                    .map(table -> " CASE WHEN EXISTS (SELECT 1 FROM " + table + " x WHERE " + ours("x") + ") THEN '" + table + "' END")
                    .toList())
            // the row types of the relations this transaction wrote: a new table's type and its array type are expected
            + ") FROM (SELECT ARRAY(SELECT c.reltype FROM pg_class c WHERE " + ours("c") + " AND c.reltype <> 0) types) new";

    /*
     * Each reading is one query of fixed text (the incremental one takes two counts) and one small query
     * with the guard's tables and the check for other transactions' commits.
     * Planning the larger one costs about as much as running it, and the server plans it again in every
     * migration's transaction (the migration's DDL invalidates the cached plan), so its text is kept to
     * what the reading needs. Its planner estimate must stay low too: above jit_above_cost (100,000 by
     * default) the server compiles it first, which once cost 45 ms per migration.
     */
    private static final String FULL = String.join(" UNION ALL ", java.util.stream.Stream.concat(
            CATALOG.stream().map(Part::select), SESSION.stream().map(Part::select)).toList());
    private static final String SESSION_ONLY = String.join(" UNION ALL ", SESSION.stream().map(Part::select).toList());
    private static final String INCREMENTAL = String.join(" UNION ALL ", java.util.stream.Stream.of(
            CATALOG.stream().flatMap(Part::selectWritten),
            SESSION.stream().map(Part::select), java.util.stream.Stream.of(UNSURE)).flatMap(parts -> parts).toList());
    private static final String GUARD_AND_COMMITTED = GUARD + " UNION ALL " + COMMITTED_SINCE;

    private CatalogEvidence() {
    }

    /** Everything: the catalog's kinds and the session's. */
    static Reading full(Connection connection, Set<String> guardTables) throws SQLException {
        return read(connection, FULL, guardTables, null, null);
    }

    /**
     * The session's kinds, and how many other transactions committed since {@code since} was read
     * ({@code since}'s own transaction, which must have committed, excepted).
     */
    static Reading session(Connection connection, Set<String> guardTables, Reading since) throws SQLException {
        return read(connection, SESSION_ONLY, guardTables, since.snapshot(), since.transaction());
    }

    /**
     * The session's kinds; the catalog rows this transaction wrote and each catalog kind's count; how
     * many other transactions committed since {@code since}; and whether anything else was written that
     * the kinds cannot show ({@link #UNSURE}).
     */
    static Reading incremental(Connection connection, Set<String> guardTables, Reading since) throws SQLException {
        // this transaction is the one in progress, not one that must have committed
        Map<String, String> updated = since.kind(Reading.UPDATED);
        return read(connection, INCREMENTAL, guardTables, since.snapshot(), null,
                count(updated, "pg_attribute") + count(updated, "pg_attrdef"), count(updated, "pg_index"));
    }

    /**
     * The reading's query, then the guard's tables and, with a snapshot {@code since}, the transactions
     * other than {@code transaction} committed since (as the second query's later snapshot sees them,
     * which can only count more).
     */
    private static Reading read(Connection connection, String query, Set<String> guardTables, String since,
                                String transaction, long... queryParameters) throws SQLException {
        Map<String, Map<String, String>> evidence = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < queryParameters.length; i++) {
                statement.setLong(i + 1, queryParameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                collect(rs, evidence);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(since == null ? GUARD : GUARD_AND_COMMITTED)) {
            statement.setArray(1, connection.createArrayOf("text", guardTables.toArray()));
            if (since != null) {
                for (int i = 2; i <= 4; i++) {
                    if (transaction == null) {
                        statement.setNull(i, Types.BIGINT);
                    } else {
                        statement.setLong(i, Long.parseLong(transaction));
                    }
                }
                statement.setString(5, since);
            }
            try (ResultSet rs = statement.executeQuery()) {
                collect(rs, evidence);
            }
        }
        return new Reading(evidence);
    }

    /** A statistics count of an earlier reading; an absent one counts as -1, so that the catalog is looked through. */
    private static long count(Map<String, String> counts, String catalog) {
        String count = counts.get(catalog);
        return count == null ? -1 : Long.parseLong(count);
    }

    private static void collect(ResultSet rs, Map<String, Map<String, String>> evidence) throws SQLException {
        while (rs.next()) {
            evidence.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
        }
    }

    /** Whether a kind belongs to the catalog (true until the catalog changes) rather than to the session. */
    static boolean isCatalogKind(String kind) {
        return CATALOG.stream().anyMatch(part -> part.kind().equals(kind));
    }

    /** The catalog kinds' names, in reading order. */
    static List<String> catalogKinds() {
        return CATALOG.stream().map(Part::kind).toList();
    }
}
