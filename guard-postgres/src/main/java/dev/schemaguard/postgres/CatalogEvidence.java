package dev.schemaguard.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
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
 * {@link #session} reads only what belongs to the session and its transaction, including how many rows
 * the transaction inserted, updated and deleted in each catalog so far (its statistics), and says
 * whether any other transaction committed since an earlier reading: when none did, the catalog part of
 * that reading is still true. {@link #incremental} takes a session reading and, from the catalogs the
 * migration wrote since "before" (the statistics, then and now), reads only those catalogs' rows the
 * transaction wrote ({@code xmin} at or after its transaction id: its own writes, subtransactions
 * included); a deleted row, which no xmin can show, or a write to a catalog the kinds do not show, makes
 * it give up, and then the caller reads everything.
 */
final class CatalogEvidence {
    /** User schemas: not the system's, not TOAST's, not any session's temporary schema. */
    private static final String USER_NS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    /**
     * A catalog row written by this transaction or by one that began after it (age 0 or less: not older
     * than ours). Written as a range of the whole negative half of age's int4, which is the same: the
     * planner, with no statistics on age(), estimates a range as 0.5% of the rows, where it takes one
     * inequality for a third, and then joins these few rows through whole scans of pg_class.
     */
    private static String ours(String alias) {
        return "age(" + alias + ".xmin) BETWEEN -2147483648 AND 0";
    }

    /**
     * One way to find the rows of a kind this transaction wrote ({@code rows}, a condition), worth asking
     * only when the transaction inserted or updated (or, {@code updatesOnly}, updated) a row of one of
     * {@code catalogs} since the earlier reading.
     */
    private record Written(String rows, boolean updatesOnly, List<String> catalogs) {
        static Written when(String rows, String... catalogs) {
            return new Written(rows, false, List.of(catalogs));
        }

        static Written whenUpdated(String rows, String... catalogs) {
            return new Written(rows, true, List.of(catalogs));
        }

        boolean needed(CatalogWrites writes) {
            return catalogs.stream().anyMatch(catalog -> updatesOnly ? writes.updated(catalog) : writes.insertedOrUpdated(catalog));
        }
    }

    /**
     * One kind of evidence: {@code SELECT <kind>, <key>, <fingerprint> <from>}. A catalog kind says how to
     * find the rows this transaction wrote ({@code written}); a session kind ({@code written} empty)
     * belongs to the session and its transaction and is read in full every time.
     */
    private record Part(String kind, String key, String fingerprint, String from, List<Written> written) {
        Part(String kind, String key, String fingerprint, String from, Written written) {
            this(kind, key, fingerprint, from, List.of(written));
        }

        String select() {
            return "SELECT '" + kind + "', " + key + ", " + fingerprint + " " + from;
        }

        /** One query per way of finding the rows this transaction wrote that the writes call for; a row found twice is the same entry. */
        java.util.stream.Stream<String> selectWritten(CatalogWrites writes) {
            return written.stream().filter(way -> way.needed(writes))
                    .map(way -> select() + (from.contains(" WHERE ") ? " AND (" : " WHERE (") + way.rows() + ")");
        }
    }

    /**
     * The rows of a large catalog this transaction wrote, gathered once per incremental reading in a CTE
     * ({@code name}) with the columns the kinds use, instead of one scan per kind. When the transaction only
     * inserted into the catalog since "before" (its statistics), the rows are new objects', and new objects
     * take object ids above every one there was ({@link Reading#MAX_OID}, read with "before"): they are
     * found through the catalog's oid index instead of a scan of the whole catalog, which grows with the
     * schema and made a boot of many migrations quadratic. Once the object id counter wraps around, a new
     * object can take a free id below that; then fewer rows are found than the statistics say were
     * inserted ({@link Reading#FOUND}), and the caller reads everything.
     */
    private record WrittenRows(String name, String catalog, String columns, String updatedOnce) {
        /** {@code name}'s object ids, as an array for {@code = ANY(...)}. */
        String oids() {
            return "ARRAY(SELECT " + name + ".oid FROM " + name + ")";
        }

        boolean byObjectId(CatalogWrites writes, Reading before) {
            return !writes.updated(catalog) && before.kind(Reading.MAX_OID).containsKey(catalog);
        }

        /**
         * Updated, but perhaps only its new rows: then the new rows are found by object id, and the rest of
         * the catalog is scanned for rows this transaction wrote only if the statistics count more updates
         * than the new rows themselves prove ({@code updatedOnce}, a condition true only of a new row that
         * was updated at least once after it was inserted). A {@code CREATE TABLE} with a column that can be
         * TOASTed updates its own new row once its TOAST table exists, and the scan that update called for
         * was most of the reading after it, growing with the schema. Fewer updates proven than counted, and
         * the scan runs: an existing relation's row may have been updated ({@code GRANT} does so without
         * locking the table, so the locks cannot say which).
         */
        boolean newRowsFirst(CatalogWrites writes, Reading before) {
            return updatedOnce != null && writes.updated(catalog) && before.kind(Reading.MAX_OID).containsKey(catalog);
        }

        /**
         * The CTE, its parameters ({@code ?}) added to {@code parameters}: by object id, the highest one
         * there was, so that a query of the same text for migrations of the same shape is parsed once and
         * prepared on the server. Written as a range up to the largest object id, which is the same: once
         * the server keeps a generic plan (one for every value, made early in a first boot and kept while
         * the schema grows), it estimates a range with an unknown bound as 0.5% of the rows, where it takes
         * one inequality for a third, and then prefers a scan of the whole catalog as the catalog grows.
         */
        String cte(CatalogWrites writes, Reading before, List<Long> parameters) {
            String newRows = "x.oid > ?::oid AND x.oid <= 4294967295::oid AND " + ours("x");
            if (byObjectId(writes, before)) {
                parameters.add(highest(before));
                return name + " AS MATERIALIZED (SELECT " + columns + " FROM " + catalog + " x WHERE " + newRows + ")";
            }
            if (newRowsFirst(writes, before)) {
                parameters.add(highest(before));
                parameters.add(highest(before));
                parameters.add(writes.updates(catalog));
                return name + "n AS MATERIALIZED (SELECT " + columns + ", " + updatedOnce + " AS updated_once FROM " + catalog
                        + " x WHERE " + newRows + "), " + name + " AS MATERIALIZED (SELECT " + columns.replace("x.", "") + " FROM " + name
                        + "n UNION ALL SELECT " + columns + " FROM " + catalog + " x WHERE x.oid <= ?::oid AND " + ours("x")
                        + " AND ?::bigint > (SELECT count(*) FROM " + name + "n WHERE " + name + "n.updated_once))";
            }
            return name + " AS MATERIALIZED (SELECT " + columns + " FROM " + catalog + " x WHERE " + ours("x") + ")";
        }

        private long highest(Reading before) {
            return Long.parseLong(before.kind(Reading.MAX_OID).get(catalog));
        }

        /**
         * How many new rows were found by object id, to compare with the rows the statistics say were
         * inserted; null when the rows were not looked for by object id.
         */
        String found(CatalogWrites writes, Reading before) {
            String counted = byObjectId(writes, before) ? name : newRowsFirst(writes, before) ? name + "n" : null;
            return counted == null ? null : "SELECT '" + Reading.FOUND + "', '" + catalog + "', count(*)::text FROM " + counted;
        }
    }

    /**
     * A relation's row is inserted with no TOAST table (reltoastrelid 0), and made to point to the one made
     * for it by an update of that row ({@code create_toast_table}, a transactional update on every version).
     */
    private static final WrittenRows RELATIONS = new WrittenRows("w", "pg_class", "x.oid, x.reltype, x.relname", "x.reltoastrelid <> 0");
    private static final WrittenRows TYPES = new WrittenRows("wt", "pg_type", "x.oid, x.typname, x.typelem", null);
    private static final WrittenRows CONSTRAINTS = new WrittenRows("wk", "pg_constraint", "x.oid", null);
    private static final List<WrittenRows> WRITTEN_ROWS = List.of(RELATIONS, TYPES, CONSTRAINTS);

    private static final List<Part> CATALOG = List.of(
            // relations: storage (relfilenode: a rewrite or TRUNCATE changes it), options, privileges,
            // row security, owner, what a view says, and whether its name still resolves to it
            new Part("rel", "c.oid::text", "concat_ws(';', 'name=' || n.nspname || '.' || c.relname, 'kind=' || c.relkind::text,"
                    + " 'relfilenode=' || c.relfilenode::text, 'persistence=' || c.relpersistence::text, 'tablespace=' || c.reltablespace::text,"
                    + " 'options=' || coalesce(c.reloptions::text, ''), 'acl=' || coalesce(c.relacl::text, ''),"
                    + " 'rowsecurity=' || c.relrowsecurity::text || '/' || c.relforcerowsecurity::text, 'replident=' || c.relreplident::text,"
                    + " 'owner=' || c.relowner::text, 'visible=' || pg_table_is_visible(c.oid)::text,"
                    + " 'query=' || coalesce(md5(v.ev_action::text), ''))",
                    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_rewrite v ON v.ev_class = c.oid AND v.rulename = '_RETURN' WHERE c.relkind <> 't' AND " + USER_NS,
                    List.of(Written.when("c.oid = ANY(" + RELATIONS.oids() + ")", "pg_class"),
                            Written.when(ours("v"), "pg_rewrite"))),
            // columns (and a composite type's attributes): type, nullability, default, identity, generation,
            // collation, privileges
            new Part("col", "a.attrelid::text || '.' || a.attnum::text", "concat_ws(';', 'name=' || c.relname || '.' || a.attname,"
                    + " 'type=' || format_type(a.atttypid, a.atttypmod), 'notnull=' || a.attnotnull::text, 'dropped=' || a.attisdropped::text,"
                    + " 'identity=' || a.attidentity::text, 'storage=' || a.attstorage::text, 'generated=' || a.attgenerated::text, 'collation=' || a.attcollation::text,"
                    + " 'acl=' || coalesce(a.attacl::text, ''), 'default=' || coalesce(CASE WHEN a.attgenerated = ''"
                    + " THEN pg_get_expr(d.adbin, 0) ELSE md5(d.adbin::text) END, ''))",
                    "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attnum > 0 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND " + USER_NS,
                    // A relation's attribute rows are inserted only with its own row written (a new relation,
                    // ADD COLUMN's new attribute count), so those are found through pg_attribute's index; only
                    // when this transaction updated attribute or default rows (SET NOT NULL, DROP COLUMN, GRANT,
                    // a new default on an old column) are all of them, the largest catalog, looked through.
                    List.of(Written.when("a.attrelid = ANY(" + RELATIONS.oids() + ") AND c.oid = ANY(" + RELATIONS.oids() + ")", "pg_class"),
                            Written.whenUpdated(ours("a") + " OR coalesce(" + ours("d") + ", false)", "pg_attribute", "pg_attrdef"))),
            // constraints, on tables and on domains; conrelid leads the key so new ones can be placed
            new Part("con", "k.conrelid::text || ':' || k.oid::text", "concat_ws(';', 'name=' || k.conname, 'type=' || k.contype::text,"
                    + " 'validated=' || k.convalidated::text, 'deferrable=' || k.condeferrable::text || '/' || k.condeferred::text,"
                    + " 'ondelete=' || k.confdeltype::text, 'onupdate=' || k.confupdtype::text, 'index=' || k.conindid::text,"
                    + " 'def=' || pg_get_constraintdef(k.oid))",
                    "FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE " + USER_NS, Written.when("k.oid = ANY(" + CONSTRAINTS.oids() + ")", "pg_constraint")),
            new Part("idx", "i.indrelid::text || ':' || i.indexrelid::text", "concat_ws(';', 'valid=' || i.indisvalid::text, 'ready=' || i.indisready::text,"
                    + " 'clustered=' || i.indisclustered::text,"
                    + " 'def=' || md5(concat_ws('/', c.relam, i.indisunique, i.indnkeyatts, i.indkey, i.indclass,"
                    + " i.indcollation, i.indoption, i.indexprs, i.indpred)))",
                    "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    // the index's relation row gives only its access method, which never changes; an index's row
                    // is inserted with its relation's, and updated alone only when it is validated or clustered
                    + " WHERE " + USER_NS, List.of(Written.when("i.indexrelid = ANY(" + RELATIONS.oids() + ")", "pg_class"),
                            Written.whenUpdated(ours("i"), "pg_index"))),
            new Part("trg", "t.tgrelid::text || ':' || t.oid::text", "concat_ws(';', 'name=' || t.tgname, 'enabled=' || t.tgenabled::text,"
                    + " 'internal=' || t.tgisinternal::text, 'function=' || t.tgfoid::text, 'type=' || t.tgtype::text)",
                    "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_NS, Written.when(ours("t"), "pg_trigger")),
            new Part("rule", "r.ev_class::text || ':' || r.oid::text", "concat_ws(';', 'name=' || r.rulename, 'event=' || r.ev_type::text,"
                    + " 'enabled=' || r.ev_enabled::text, 'action=' || md5(r.ev_action::text))",
                    "FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE r.rulename <> '_RETURN' AND " + USER_NS, Written.when(ours("r"), "pg_rewrite")),
            new Part("pol", "p.polrelid::text || ':' || p.oid::text", "concat_ws(';', 'name=' || p.polname, 'cmd=' || p.polcmd::text,"
                    + " 'permissive=' || p.polpermissive::text, 'roles=' || p.polroles::text,"
                    + " 'using=' || coalesce(md5(p.polqual::text), ''),"
                    + " 'check=' || coalesce(md5(p.polwithcheck::text), ''))", "FROM pg_policy p", Written.when(ours("p"), "pg_policy")),
            new Part("fn", "p.oid::text", "concat_ws(';', 'name=' || n.nspname || '.' || p.proname || '('"
                    + " || pg_get_function_identity_arguments(p.oid) || ')', 'body=' || md5(coalesce(p.prosrc, '')),"
                    + " 'volatility=' || p.provolatile::text, 'definer=' || p.prosecdef::text, 'config=' || coalesce(p.proconfig::text, ''),"
                    + " 'acl=' || coalesce(p.proacl::text, ''), 'owner=' || p.proowner::text, 'visible=' || pg_function_is_visible(p.oid)::text)",
                    "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_NS
                    // a range type's constructors belong to the type (an internal dependency), not new code
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid"
                    + " AND d.deptype = 'i')", Written.when(ours("p"), "pg_proc")),
            new Part("nsp", "n.oid::text", "concat_ws(';', 'name=' || n.nspname, 'owner=' || n.nspowner::text,"
                    + " 'acl=' || coalesce(n.nspacl::text, ''))", "FROM pg_namespace n WHERE " + USER_NS, Written.when(ours("n"), "pg_namespace")),
            new Part("dacl", "d.oid::text", "concat_ws(';', 'role=' || d.defaclrole::text, 'schema=' || d.defaclnamespace::text,"
                    + " 'type=' || d.defaclobjtype::text, 'acl=' || d.defaclacl::text)", "FROM pg_default_acl d", Written.when(ours("d"), "pg_default_acl")),
            new Part("enum", "e.oid::text", "'label=' || e.enumlabel", "FROM pg_enum e", Written.when(ours("e"), "pg_enum")),
            new Part("inh", "i.inhparent::text || ':' || i.inhrelid::text", "'parent=' || i.inhparent::regclass::text", "FROM pg_inherits i", Written.when(ours("i"), "pg_inherits")),
            new Part("evt", "e.oid::text", "concat_ws(';', 'name=' || e.evtname, 'enabled=' || e.evtenabled::text)",
                    "FROM pg_event_trigger e", Written.when(ours("e"), "pg_event_trigger")),
            // types of their own (not a table's row type, not an array type): a domain's base, default and
            // NOT NULL, owner and privileges; a composite type's attributes are columns above
            new Part("typ", "t.oid::text", "concat_ws(';', 'name=' || n.nspname || '.' || t.typname, 'owner=' || t.typowner::text,"
                    + " 'acl=' || coalesce(t.typacl::text, ''), 'notnull=' || t.typnotnull::text, 'default=' || coalesce(t.typdefault, ''),"
                    + " 'base=' || format_type(t.typbasetype, t.typtypmod))",
                    "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class c ON c.oid = t.typrelid"
                    + " WHERE t.typcategory <> 'A' AND (t.typrelid = 0 OR c.relkind = 'c') AND " + USER_NS,
                    Written.when("t.oid = ANY(" + TYPES.oids() + ")", "pg_type")),
            // publications and the tables they publish: dropping either stops what a subscriber receives
            new Part("pub", "p.oid::text", "concat_ws(';', 'name=' || p.pubname, 'alltables=' || p.puballtables::text,"
                    + " 'publishes=' || p.pubinsert::text || '/' || p.pubupdate::text || '/' || p.pubdelete::text || '/' || p.pubtruncate::text,"
                    + " 'owner=' || p.pubowner::text)", "FROM pg_publication p", Written.when(ours("p"), "pg_publication")),
            new Part("pubrel", "r.prpubid::text || ':' || r.oid::text", "'relation=' || r.prrelid::regclass::text", "FROM pg_publication_rel r", Written.when(ours("r"), "pg_publication_rel")),
            // casts and operators users made (object ids from 16384 on, the first a user object gets)
            new Part("cast", "k.oid::text", "concat_ws(';', 'name=' || format_type(k.castsource, NULL) || ' AS '"
                    + " || format_type(k.casttarget, NULL), 'function=' || k.castfunc::text, 'context=' || k.castcontext::text,"
                    + " 'method=' || k.castmethod::text)", "FROM pg_cast k WHERE k.oid >= 16384", Written.when(ours("k"), "pg_cast")),
            new Part("opr", "o.oid::text", "concat_ws(';', 'name=' || n.nspname || '.' || o.oprname || '('"
                    + " || format_type(o.oprleft, NULL) || ', ' || format_type(o.oprright, NULL) || ')', 'function=' || o.oprcode::text,"
                    + " 'owner=' || o.oprowner::text)", "FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE " + USER_NS,
                    Written.when(ours("o"), "pg_operator")));

    /**
     * The catalogs whose rows the kinds read, and those whose rows no kind shows (an operator, a collation,
     * a cast, an extension, ...: a row of one written means a full reading). Their row counts in the
     * transaction's statistics say which the migration wrote.
     */
    private static final List<String> READ_CATALOGS = List.of("pg_class", "pg_attribute", "pg_attrdef", "pg_constraint", "pg_index",
            "pg_trigger", "pg_rewrite", "pg_policy", "pg_proc", "pg_namespace", "pg_default_acl", "pg_enum", "pg_inherits",
            "pg_event_trigger", "pg_type", "pg_publication", "pg_publication_rel");
    private static final List<String> UNSHOWN_CATALOGS = List.of("pg_operator", "pg_collation", "pg_opclass", "pg_opfamily",
            "pg_cast", "pg_ts_config", "pg_ts_dict", "pg_extension", "pg_conversion", "pg_language", "pg_am");
    /** Both: every catalog whose row counts a reading takes. */
    private static final List<String> COUNTED_CATALOGS = java.util.stream.Stream.concat(READ_CATALOGS.stream(),
            UNSHOWN_CATALOGS.stream()).toList();

    /** The session's granted locks: {@code mine}, a CTE every reading starts with (pg_locks is read once). */
    private static final String MY_LOCKS_CTE = "mine AS MATERIALIZED (SELECT l.locktype, l.relation FROM pg_locks l"
            + " WHERE l.pid = pg_backend_pid() AND l.granted)";

    private static final List<Part> SESSION = List.of(
            // a session has a temporary schema only once it made something temporary: until then nothing is scanned
            new Part("temp", "c.oid::text", "'name=' || c.relname", "FROM pg_class c WHERE pg_my_temp_schema() <> 0"
                    + " AND c.relnamespace = pg_my_temp_schema()", List.of()),
            new Part("tempfn", "p.oid::text", "'name=' || p.proname", "FROM pg_proc p WHERE pg_my_temp_schema() <> 0"
                    + " AND p.pronamespace = pg_my_temp_schema()", List.of()),
            new Part("who", "'user'", "current_user || '/' || session_user", "", List.of()),
            // the schemas an unqualified name resolves in, in order: a new schema on the search_path moves them
            new Part("path", "'schemas'", "current_schemas(false)::text", "", List.of()),
            new Part("lock", "'advisory'", "count(*)::text", "FROM mine m WHERE m.locktype = 'advisory'", List.of()),
            // rows this transaction inserted, updated and deleted in each catalog (attempts in rolled-back
            // subtransactions included): which catalogs an incremental reading must look at, and whether a
            // row is gone, which leaves nothing for an xmin to show
            new Part(Reading.CATALOG_WRITES, "x.name", "pg_stat_get_xact_tuples_inserted(x.c)::text || '/'"
                    + " || pg_stat_get_xact_tuples_updated(x.c)::text || '/' || pg_stat_get_xact_tuples_deleted(x.c)::text",
                    "FROM (VALUES " + String.join(", ", COUNTED_CATALOGS.stream()
                            .map(name -> "('" + name + "', 'pg_catalog." + name + "'::regclass)").toList())
                    + ") x(name, c)", List.of()),
            // the highest object id of each catalog whose new rows an incremental reading finds by object id
            new Part(Reading.MAX_OID, "'pg_class'", "max(x.oid)::text", "FROM pg_class x", List.of()),
            new Part(Reading.MAX_OID, "'pg_type'", "max(x.oid)::text", "FROM pg_type x", List.of()),
            new Part(Reading.MAX_OID, "'pg_constraint'", "coalesce(max(x.oid), 0)::text", "FROM pg_constraint x", List.of()),
            // the session's server process: the statistics below and the locks are its own
            new Part(Reading.BACKEND, "''", "pg_backend_pid()::text", "", List.of()),
            // when this reading was taken, and by which transaction: what a later reading compares with
            new Part(Reading.SNAPSHOT, "coalesce(txid_current_if_assigned()::text, '')", "txid_current_snapshot()::text", "", List.of()));

    /**
     * Every setting of the session, as current_setting shows it ("5s"; pg_settings' own column, in the base
     * unit, tells no more: a shown value is exact, in the largest unit that divides it).
     */
    private static final Part SETTINGS = new Part("set", "s.name", "current_setting(s.name)", "FROM pg_settings s", List.of());

    /**
     * The settings whose value differs from the earlier reading's ({@code ?}, {@code ?}: its names and values):
     * every setting the earlier reading had is asked by name, instead of computing pg_settings' every column
     * of every setting (which cost more than the rest of a session reading), and only the differences travel.
     * A name gone (none is, while the session lasts) reads as null, which differs.
     */
    private static final Part SETTINGS_CHANGED = new Part("set", "x.name", "current_setting(x.name, true)",
            "FROM unnest(?::text[], ?::text[]) x(name, was) WHERE current_setting(x.name, true) IS DISTINCT FROM x.was", List.of());

    /**
     * Whether every setting of {@code settings} still has the value it holds there, as current_setting shows
     * it: one row, where sending every setting's name and value and comparing them row by row cost more than
     * the rest of the reading after a migration. The names and values are written into the query, so that
     * its text, the same from one migration to the next while nothing changes, is prepared on the server
     * once.
     */
    static String settingsUnchanged(Map<String, String> settings) {
        return "(ARRAY(SELECT current_setting(u.n, true) FROM unnest(" + textArray(settings.keySet())
                + "::text[]) WITH ORDINALITY u(n, o) ORDER BY u.o) IS NOT DISTINCT FROM " + textArray(settings.values()) + "::text[])::text";
    }

    /**
     * The statement limits only, as current_setting shows them ("5s"): computing every setting costs more
     * than the rest of a session reading, and a reading before a migration needs only these anew (see
     * {@link Reading#withCatalogAndSettingsOf}).
     */
    private static final Part LIMITS = new Part(Reading.LIMIT, "x.name", "current_setting(x.name)",
            "FROM (VALUES ('lock_timeout'), ('statement_timeout')) x(name)", List.of());

    /**
     * Row writes of this transaction, per table of the user's (object id from 16384 on, FirstNormalObjectId:
     * not a system catalog, not information_schema's, both made by initdb), as pg_stat_xact_user_tables
     * counts them; TOAST tables (relkind 't') are not asked. Only tables with a count: all a comparison
     * needs. The counts are the session's statistics not yet sent: this transaction's, and earlier
     * transactions' of the same session until the server sends them (at most every half second, between
     * transactions), which is why a comparison takes the difference of two readings. All tables are asked
     * in a whole reading ({@code where} is empty); a session reading asks only those it must
     * ({@link #ROWS_ASKED}). No join: a whole reading is planned anew each time.
     */
    private static Part rows(String where) {
        return new Part("rows", "c.oid::text", "concat_ws(';', 'ins=' || pg_stat_get_xact_tuples_inserted(c.oid)::text,"
                + " 'upd=' || pg_stat_get_xact_tuples_updated(c.oid)::text, 'del=' || pg_stat_get_xact_tuples_deleted(c.oid)::text)",
                "FROM pg_class c WHERE " + where + "c.oid >= 16384::oid AND c.relkind IN ('r', 'm', 'p')"
                + " AND pg_stat_get_xact_tuples_inserted(c.oid) + pg_stat_get_xact_tuples_updated(c.oid)"
                + " + pg_stat_get_xact_tuples_deleted(c.oid) > 0", List.of());
    }

    /** Where a query names the guard's tables ({@link #GUARD}), until {@link #withGuardTables} writes them in. */
    private static final String GUARD_TABLES = "%guard-tables%";

    private static String withGuardTables(String query, Set<String> guardTables) {
        return query.replace(GUARD_TABLES, textArray(new java.util.TreeSet<>(guardTables)));
    }

    /**
     * A text array literal of {@code values} (null: NULL), dollar-quoted with a tag none of them holds, so
     * that no setting of the session (standard_conforming_strings) changes what it says.
     */
    static String textArray(java.util.Collection<String> values) {
        StringBuilder array = new StringBuilder("{");
        for (String value : values) {
            array.append(array.length() == 1 ? "" : ",")
                    .append(value == null ? "NULL" : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
        String literal = array.append('}').toString();
        String tag = "$sg$";
        for (int n = 1; literal.contains(tag); n++) {
            tag = "$sg" + n + "$";
        }
        return tag + literal + tag;
    }

    /**
     * The tables a session reading asks for row counts: those the session holds a lock on, and those
     * ({@code ?}, an oid array) that had a count at the session's last reading. A row is written only
     * under a lock its transaction holds to its end (a subtransaction that rolled back releases its locks
     * with the rows it wrote), so a table that had no count then and holds no lock now has none.
     */
    private static final String ROWS_ASKED = "c.oid = ANY(ARRAY(SELECT m.relation FROM mine m WHERE m.locktype = 'relation')"
            + " || ?::oid[]) AND ";

    /**
     * The guard's own tables, by their unqualified names ({@link #GUARD_TABLES}, replaced by {@link #withGuardTables}
     * with the names themselves: passed as parameters, the planner would guess ten of each and plan every
     * reading anew rather than keep one plan for the boot).
     */
    private static final String GUARD = "SELECT 'guard', c.oid::text, 'name=' || c.relname"
            + " FROM unnest(" + GUARD_TABLES + "::text[]) t JOIN pg_class c ON c.oid = to_regclass(quote_ident(t))"
            // and by name: the table each unqualified name resolves to now, as "<oid> <schema>.<name>", quoted
            + " UNION ALL SELECT '" + Reading.GUARD_NAMES + "', t, c.oid::text || ' ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
            + " FROM unnest(" + GUARD_TABLES + "::text[]) t JOIN pg_class c ON c.oid = to_regclass(quote_ident(t)) JOIN pg_namespace n ON n.oid = c.relnamespace";

    /**
     * How many transactions, other than {@code ?} (a transaction id, or null), committed since the
     * snapshot {@code ?}, as the current snapshot sees them; -1 when too many to count, or when that
     * transaction did not commit. Aborted transactions changed nothing; ours is still in progress.
     */
    private static final String COMMITTED_SINCE = "SELECT '" + Reading.COMMITTED + "', '', (SELECT CASE"
            + " WHEN ?::bigint IS NOT NULL AND txid_status(?::bigint) IS DISTINCT FROM 'committed' THEN -1"
            + " WHEN txid_snapshot_xmax(txid_current_snapshot()) - txid_snapshot_xmax(s) > 10000 THEN -1"
            // those that began since, and those in progress then (all below its xmax: none is counted twice), as
            // arrays: a set the planner would guess at a thousand rows, plan after plan rather than keep one
            + " ELSE (SELECT count(*) FROM unnest(ARRAY(SELECT generate_series(txid_snapshot_xmax(s), txid_snapshot_xmax(txid_current_snapshot()) - 1))"
            + " || ARRAY(SELECT txid_snapshot_xip(s))) x WHERE x IS DISTINCT FROM ?::bigint"
            + " AND txid_visible_in_snapshot(x, txid_current_snapshot()) AND coalesce(txid_status(x), 'committed') = 'committed') END"
            + " FROM (SELECT ?::txid_snapshot s) since)::text";

    /*
     * A reading is one query: the kinds it reads, the guard's tables and, for a session reading, the check
     * for other transactions' commits (whose snapshot, taken by the same statement, is the reading's own).
     * A query of the same text is parsed and planned once per session and kept on the server across the
     * migrations' DDL (see {@link PostgresDatabase#open}), but each other text is planned anew, and planning
     * a large query costs about as much as running it, so each query holds only what its reading needs: an
     * incremental reading asks only the catalogs the migration wrote. The planner's
     * estimate must stay low too: above jit_above_cost (100,000 by default) the server compiles a query
     * first, which once cost 45 ms per migration.
     */
    private static final String FULL = "WITH " + MY_LOCKS_CTE + " " + String.join(" UNION ALL ", java.util.stream.Stream.of(
            CATALOG.stream().map(Part::select), java.util.stream.Stream.of(rows("").select(), SETTINGS.select()),
            SESSION.stream().map(Part::select), java.util.stream.Stream.of(GUARD)).flatMap(parts -> parts).toList());
    /** A session reading after a migration's statements that asks whether the settings changed (see {@link #settingsUnchanged}). */
    private static final String SESSION_SAME_SETTINGS = sessionReading(new Part(Reading.SETTINGS_SAME, "''", "'%s'", "", List.of()));
    private static final String SESSION_WITH_LIMITS = sessionReading(LIMITS);

    private static String sessionReading(Part settings) {
        return "WITH " + MY_LOCKS_CTE + " " + String.join(" UNION ALL ", java.util.stream.Stream.of(
                java.util.stream.Stream.of(rows(ROWS_ASKED).select(), settings.select()), SESSION.stream().map(Part::select),
                java.util.stream.Stream.of(GUARD, COMMITTED_SINCE)).flatMap(parts -> parts).toList());
    }

    /**
     * When a type this transaction wrote is not a new relation's row type (or its array type), or a new
     * type's or relation's name is used elsewhere (which can make an old one's name need its schema), the
     * kinds' own rows cannot tell that nothing else changed: read everything.
     */
    private static String unsure(CatalogWrites writes) {
        List<String> checks = new ArrayList<>();
        String newRowTypes = writes.insertedOrUpdated("pg_class") ? "ARRAY(SELECT w.reltype FROM w WHERE w.reltype <> 0)" : "'{}'::oid[]";
        if (writes.insertedOrUpdated("pg_type")) {
            checks.add("CASE WHEN EXISTS (SELECT 1 FROM wt WHERE NOT (wt.oid = ANY(" + newRowTypes + ") OR wt.typelem = ANY("
                    + newRowTypes + "))) THEN 'type' END");
            checks.add("CASE WHEN EXISTS (SELECT 1 FROM wt JOIN pg_type o ON o.typname = wt.typname AND o.oid <> wt.oid)"
                    + " THEN 'type-name' END");
        }
        if (writes.insertedOrUpdated("pg_class")) {
            checks.add("CASE WHEN EXISTS (SELECT 1 FROM w JOIN pg_class o ON o.relname = w.relname AND o.oid <> w.oid)"
                    + " THEN 'relation-name' END");
        }
        return checks.isEmpty() ? null : "SELECT '" + Reading.UNSURE + "', '', concat_ws(' ', " + String.join(", ", checks) + ")";
    }

    private CatalogEvidence() {
    }

    /**
     * {@code query} marked with the size of the catalog (of {@code reading}'s user relations, in classes
     * that each about double it), so that the server plans it anew as the catalog grows. A statement
     * prepared on the server keeps the generic plan it made after its first five runs, with the
     * catalogs' sizes of then: made early in a first boot, when {@code pg_class} held a few hundred
     * rows, it scanned {@code pg_class} whole where an index finds a few rows, and each scan grew with
     * every migration after (1.9 ms of the reading after a migration at 1,000 tables, against 0.2 ms
     * planned anew). The server plans a new text anew; its plans then see the catalogs' current sizes.
     */
    private static String planAnew(String query, Reading reading) {
        return "/* catalog size class " + sizeClass(reading) + " */ " + query;
    }

    private static int sizeClass(Reading reading) {
        return 31 - Integer.numberOfLeadingZeros(1 + reading.kind("rel").size() / 200);
    }

    /** Everything: the catalog's kinds and the session's. */
    static Reading full(Connection connection, Set<String> guardTables) throws SQLException {
        Map<String, Map<String, String>> evidence = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(withGuardTables(FULL, guardTables))) {
            try (ResultSet rs = statement.executeQuery()) {
                collect(rs, evidence);
            }
        }
        return new Reading(evidence);
    }

    /**
     * The session's kinds, and how many other transactions committed since {@code since}, the session's
     * last reading, was read (transaction {@code transaction}, which must have committed, excepted; null:
     * none excepted). Null when the session is not the one that took {@code since} (its server process
     * differs): the row counts of tables it wrote before are then unknown. With {@code allSettings}, every
     * setting {@code since} has (read by name, {@code since}'s values taken for those that did not change);
     * without, only the statement limits ({@link Reading#LIMIT}).
     */
    static Reading session(Connection connection, Set<String> guardTables, Reading since, String transaction, boolean allSettings)
            throws SQLException {
        return session(connection, guardTables, since, transaction, allSettings, null);
    }

    /**
     * The same, with the rows of {@code counted} (a table's quoted qualified name, as {@link Reading#GUARD_NAMES}
     * gives it; null: none) counted in the same statement ({@link Reading#ROW_COUNT}): one round trip fewer.
     */
    private static Reading session(Connection connection, Set<String> guardTables, Reading since, String transaction,
                                   boolean allSettings, String counted) throws SQLException {
        Map<String, Map<String, String>> evidence = new LinkedHashMap<>();
        Map<String, String> settings = since.kind("set");
        try (PreparedStatement statement = connection.prepareStatement(sessionQuery(guardTables, since, allSettings, counted))) {
            // the tables with a count then, and the guard's own, which the guard writes between migrations
            Set<String> hadCounts = new java.util.HashSet<>(since.kind("rows").keySet());
            hadCounts.addAll(since.kind("guard").keySet());
            int at = 1;
            statement.setArray(at++, connection.createArrayOf("oid", hadCounts.toArray()));
            for (int i = 0; i < 3; i++, at++) {
                if (transaction == null) {
                    statement.setNull(at, Types.BIGINT);
                } else {
                    statement.setLong(at, Long.parseLong(transaction));
                }
            }
            statement.setString(at, since.snapshot());
            try (ResultSet rs = statement.executeQuery()) {
                collect(rs, evidence);
            }
            if (allSettings) {
                // unchanged: the earlier values, shared (no reading changes a map it holds); else those that differ read
                evidence.put("set", "true".equals(evidence.remove(Reading.SETTINGS_SAME).get("")) ? settings
                        : changedSettings(connection, settings));
            }
        }
        Reading reading = new Reading(evidence);
        return reading.backend().equals(since.backend()) ? reading : null;
    }

    /**
     * The text of a session reading, kept while the same is asked again, as it is from one migration to
     * the next while nothing changes: building it anew (one written with the settings, see
     * {@link #settingsUnchanged}, has some 15,000 characters), and the driver hashing the new text to find
     * its prepared statement, were an eighth of the boot thread's time in a first boot of 1,000.
     */
    private static String sessionQuery(Set<String> guardTables, Reading since, boolean allSettings, String counted) {
        // the settings by identity: a reading shares the earlier one's map while they are unchanged
        Map<String, String> settings = allSettings ? since.kind("set") : null;
        int sizeClass = sizeClass(since);
        SessionQuery last = allSettings ? lastAfterStatements : lastBeforeStatements;
        if (last != null && last.settings() == settings && last.sizeClass() == sizeClass
                && java.util.Objects.equals(last.counted(), counted) && last.guardTables().equals(guardTables)) {
            return last.text();
        }
        String query = (allSettings ? SESSION_SAME_SETTINGS.replace("'%s'", settingsUnchanged(settings)) : SESSION_WITH_LIMITS)
                + (counted == null ? "" : " UNION ALL SELECT '" + Reading.ROW_COUNT + "', '', count(*)::text FROM " + counted);
        SessionQuery made = new SessionQuery(settings, sizeClass, counted, Set.copyOf(guardTables),
                planAnew(withGuardTables(query, guardTables), since));
        if (allSettings) {
            lastAfterStatements = made;
        } else {
            lastBeforeStatements = made;
        }
        return made.text();
    }

    /** A session reading's text, and what it was written for. */
    private record SessionQuery(Map<String, String> settings, int sizeClass, String counted, Set<String> guardTables, String text) {
    }

    /** The last session readings' texts, before a migration's statements and after (the JVM's: boots in turn share them). */
    private static volatile SessionQuery lastBeforeStatements;
    private static volatile SessionQuery lastAfterStatements;

    /** {@code settings} with the values of those that differ now read anew. */
    private static Map<String, String> changedSettings(Connection connection, Map<String, String> settings) throws SQLException {
        Map<String, String> now = new LinkedHashMap<>(settings);
        try (PreparedStatement statement = connection.prepareStatement(SETTINGS_CHANGED.select())) {
            statement.setArray(1, connection.createArrayOf("text", settings.keySet().toArray()));
            statement.setArray(2, connection.createArrayOf("text", settings.values().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    now.put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return now;
    }

    /**
     * {@code before} brought up to date after the migration's statements, in the same transaction: a
     * session reading, and the catalog rows this transaction wrote in the catalogs it wrote since
     * {@code before}, put over {@code before}'s in place (see {@link Reading#overlaying}: {@code before}
     * is then this reading's, until {@link Reading#undo}); null, with {@code before} untouched, when that
     * cannot vouch for the rest (another transaction committed, a catalog row was deleted, a row no kind
     * shows was written, statistics are off), and then only a whole reading can tell.
     */
    static Reading incremental(Connection connection, Set<String> guardTables, Reading before) throws SQLException {
        return incremental(connection, guardTables, before, null);
    }

    /** The same, with the rows of {@code counted} counted in its session reading (see {@link Reading#rowCount}). */
    static Reading incremental(Connection connection, Set<String> guardTables, Reading before, String counted) throws SQLException {
        // this transaction is the one in progress, not one that must have committed
        Reading session = session(connection, guardTables, before, null, true, counted);
        if (session == null || !session.nothingCommittedSince() || !"on".equals(session.kind("set").get("track_counts"))) {
            return null;
        }
        CatalogWrites writes = CatalogWrites.between(before, session);
        if (writes == null || writes.deletedAny() || UNSHOWN_CATALOGS.stream().anyMatch(writes::any)) {
            return null;
        }
        Map<String, Map<String, String>> written = new LinkedHashMap<>();
        List<Long> parameters = new ArrayList<>();
        String query = incrementalQuery(writes, before, parameters);
        if (query != null) {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setLong(i + 1, parameters.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    collect(rs, written);
                }
            }
        }
        if (!written.getOrDefault(Reading.UNSURE, Map.of()).getOrDefault("", "").isEmpty()) {
            return null;
        }
        // every row inserted must have been found by its object id (or the counter wrapped, or a subtransaction
        // that inserted rolled back): else read everything
        for (Map.Entry<String, String> found : written.getOrDefault(Reading.FOUND, Map.of()).entrySet()) {
            if (Long.parseLong(found.getValue()) != writes.inserted(found.getKey())) {
                return null;
            }
        }
        return session.overlaying(before, written);
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

    /**
     * The text of an incremental reading (its parameters added to {@code parameters}); null when the writes
     * call for no row. The same shape of writes gives the same text, and the last one is kept: a first boot
     * asks the same shape after every migration, and building some ten thousand characters (which the
     * driver then hashes to find its prepared statement) cost the boot thread more than reading the answer.
     */
    private static String incrementalQuery(CatalogWrites writes, Reading before, List<Long> parameters) {
        List<Object> shape = new ArrayList<>();
        for (Part part : CATALOG) {
            for (Written way : part.written()) {
                shape.add(way.needed(writes));
            }
        }
        String unsure = unsure(writes);
        shape.add(java.util.Objects.requireNonNullElse(unsure, ""));
        List<String> ctes = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (WrittenRows rows : WRITTEN_ROWS) {
            if (writes.insertedOrUpdated(rows.catalog())) {
                ctes.add(rows.cte(writes, before, parameters));
                String count = rows.found(writes, before);
                if (count != null) {
                    found.add(count);
                }
            }
        }
        shape.add(ctes);
        shape.add(found);
        shape.add(sizeClass(before));
        IncrementalQuery last = lastIncremental;
        if (last != null && last.shape().equals(shape)) {
            return last.text();
        }
        List<String> selects = new ArrayList<>(CATALOG.stream().flatMap(part -> part.selectWritten(writes)).toList());
        if (unsure != null) {
            selects.add(unsure);
        }
        String text = null;
        if (!selects.isEmpty()) {
            selects.addAll(found);
            text = planAnew((ctes.isEmpty() ? "" : "WITH " + String.join(", ", ctes) + " ") + String.join(" UNION ALL ", selects), before);
        } else {
            parameters.clear(); // no query, no parameters: the CTEs are only asked beside a select
        }
        lastIncremental = new IncrementalQuery(List.copyOf(shape), text);
        return text;
    }

    /** An incremental reading's text and the shape of writes it was made for (see {@link #incrementalQuery}). */
    private record IncrementalQuery(List<Object> shape, String text) {
    }

    private static volatile IncrementalQuery lastIncremental;

    /**
     * The rows this transaction inserted, updated and deleted in each catalog between two readings of
     * it (their {@link Reading#CATALOG_WRITES} kinds).
     */
    private record CatalogWrites(Map<String, long[]> delta) {
        /** Null when either reading lacks a catalog's counts. */
        static CatalogWrites between(Reading earlier, Reading later) {
            Map<String, long[]> delta = new java.util.HashMap<>();
            for (String catalog : COUNTED_CATALOGS) {
                String then = earlier.kind(Reading.CATALOG_WRITES).get(catalog);
                String now = later.kind(Reading.CATALOG_WRITES).get(catalog);
                if (then == null || now == null) {
                    return null;
                }
                String[] a = then.split("/");
                String[] b = now.split("/");
                long[] d = new long[3];
                for (int i = 0; i < 3; i++) {
                    d[i] = Long.parseLong(b[i]) - Long.parseLong(a[i]);
                }
                delta.put(catalog, d);
            }
            return new CatalogWrites(delta);
        }

        boolean insertedOrUpdated(String catalog) {
            return delta.get(catalog)[0] != 0 || delta.get(catalog)[1] != 0;
        }

        long inserted(String catalog) {
            return delta.get(catalog)[0];
        }

        boolean updated(String catalog) {
            return delta.get(catalog)[1] != 0;
        }

        long updates(String catalog) {
            return delta.get(catalog)[1];
        }

        boolean any(String catalog) {
            return insertedOrUpdated(catalog) || delta.get(catalog)[2] != 0;
        }

        boolean deletedAny() {
            return delta.values().stream().anyMatch(d -> d[2] != 0);
        }
    }
}
