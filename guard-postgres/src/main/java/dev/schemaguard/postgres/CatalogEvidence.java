package dev.schemaguard.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One query for everything the catalog says about the user's objects that a migration must leave as
 * it was: rows of (kind, key, fingerprint). Keys hold object ids, so a dropped and re-created object
 * is a different key; fingerprints are "field=value" lists, so a difference can be named.
 *
 * <p>Nothing here may wait for another session's lock: {@code pg_get_indexdef}, {@code pg_get_viewdef}
 * and {@code pg_get_expr} with a table take a lock on that table, so while another session held ACCESS
 * EXCLUSIVE on any table (a long ALTER, a LOCK TABLE) every boot's evidence waited until lock_timeout,
 * and a LOCK_TIMEOUT could not name the table the migration was waiting for. Indexes, views and policies
 * are fingerprinted from their catalog rows instead, and a column default is deparsed without its table
 * (it holds no column reference; a generated column's expression, which does, is fingerprinted).
 */
final class CatalogEvidence {
    /** User schemas: not the system's, not TOAST's, not any session's temporary schema. */
    private static final String USER_NS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private static final String QUERY = String.join(" UNION ALL ",
            // relations: storage (relfilenode: a rewrite or TRUNCATE changes it), options, privileges,
            // row security, owner, what a view says, and whether its name still resolves to it
            "SELECT 'rel', c.oid::text, concat_ws(';', 'name=' || n.nspname || '.' || c.relname, 'kind=' || c.relkind::text,"
                    + " 'relfilenode=' || c.relfilenode, 'persistence=' || c.relpersistence::text, 'tablespace=' || c.reltablespace,"
                    + " 'options=' || coalesce(c.reloptions::text, ''), 'acl=' || coalesce(c.relacl::text, ''),"
                    + " 'rowsecurity=' || c.relrowsecurity || '/' || c.relforcerowsecurity, 'replident=' || c.relreplident::text,"
                    + " 'owner=' || c.relowner, 'visible=' || pg_table_is_visible(c.oid),"
                    + " 'query=' || coalesce((SELECT md5(r.ev_action::text) FROM pg_rewrite r WHERE r.ev_class = c.oid"
                    + " AND r.rulename = '_RETURN'), ''))"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind <> 't' AND " + USER_NS,
            // columns: type, nullability, default, identity, generation, collation, privileges
            "SELECT 'col', a.attrelid || '.' || a.attnum, concat_ws(';', 'name=' || c.relname || '.' || a.attname,"
                    + " 'type=' || format_type(a.atttypid, a.atttypmod), 'notnull=' || a.attnotnull, 'dropped=' || a.attisdropped,"
                    + " 'identity=' || a.attidentity::text, 'storage=' || a.attstorage::text, 'generated=' || a.attgenerated::text, 'collation=' || a.attcollation,"
                    + " 'acl=' || coalesce(a.attacl::text, ''), 'default=' || coalesce(CASE WHEN a.attgenerated = ''"
                    + " THEN pg_get_expr(d.adbin, 0) ELSE md5(d.adbin::text) END, ''))"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attnum > 0 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + USER_NS,
            // constraints, on tables and on domains; conrelid leads the key so new ones can be placed
            "SELECT 'con', k.conrelid || ':' || k.oid, concat_ws(';', 'name=' || k.conname, 'type=' || k.contype::text,"
                    + " 'validated=' || k.convalidated, 'deferrable=' || k.condeferrable || '/' || k.condeferred,"
                    + " 'ondelete=' || k.confdeltype::text, 'onupdate=' || k.confupdtype::text, 'index=' || k.conindid,"
                    + " 'def=' || pg_get_constraintdef(k.oid))"
                    + " FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE " + USER_NS,
            "SELECT 'idx', i.indrelid || ':' || i.indexrelid, concat_ws(';', 'valid=' || i.indisvalid, 'ready=' || i.indisready,"
                    + " 'clustered=' || i.indisclustered,"
                    + " 'def=' || md5(concat_ws('/', c.relam, i.indisunique, i.indnkeyatts, i.indkey, i.indclass,"
                    + " i.indcollation, i.indoption, i.indexprs, i.indpred)))"
                    + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_NS,
            "SELECT 'trg', t.tgrelid || ':' || t.oid, concat_ws(';', 'name=' || t.tgname, 'enabled=' || t.tgenabled::text,"
                    + " 'internal=' || t.tgisinternal, 'function=' || t.tgfoid, 'type=' || t.tgtype)"
                    + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE " + USER_NS,
            "SELECT 'rule', r.ev_class || ':' || r.oid, concat_ws(';', 'name=' || r.rulename, 'event=' || r.ev_type::text,"
                    + " 'enabled=' || r.ev_enabled::text, 'action=' || md5(r.ev_action::text))"
                    + " FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE r.rulename <> '_RETURN' AND " + USER_NS,
            "SELECT 'pol', p.polrelid || ':' || p.oid, concat_ws(';', 'name=' || p.polname, 'cmd=' || p.polcmd::text,"
                    + " 'permissive=' || p.polpermissive, 'roles=' || p.polroles::text,"
                    + " 'using=' || coalesce(md5(p.polqual::text), ''),"
                    + " 'check=' || coalesce(md5(p.polwithcheck::text), '')) FROM pg_policy p",
            "SELECT 'fn', p.oid::text, concat_ws(';', 'name=' || n.nspname || '.' || p.proname || '('"
                    + " || pg_get_function_identity_arguments(p.oid) || ')', 'body=' || md5(coalesce(p.prosrc, '')),"
                    + " 'volatility=' || p.provolatile::text, 'definer=' || p.prosecdef, 'config=' || coalesce(p.proconfig::text, ''),"
                    + " 'acl=' || coalesce(p.proacl::text, ''), 'owner=' || p.proowner, 'visible=' || pg_function_is_visible(p.oid))"
                    + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_NS
                    // a range type's constructors belong to the type (an internal dependency), not new code
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid"
                    + " AND d.deptype = 'i')",
            "SELECT 'nsp', n.oid::text, concat_ws(';', 'name=' || n.nspname, 'owner=' || n.nspowner,"
                    + " 'acl=' || coalesce(n.nspacl::text, '')) FROM pg_namespace n WHERE " + USER_NS,
            "SELECT 'dacl', d.oid::text, concat_ws(';', 'role=' || d.defaclrole, 'schema=' || d.defaclnamespace,"
                    + " 'type=' || d.defaclobjtype::text, 'acl=' || d.defaclacl::text) FROM pg_default_acl d",
            "SELECT 'enum', e.oid::text, 'label=' || e.enumlabel FROM pg_enum e",
            "SELECT 'inh', i.inhparent || ':' || i.inhrelid, 'parent=' || i.inhparent::regclass FROM pg_inherits i",
            "SELECT 'evt', e.oid::text, concat_ws(';', 'name=' || e.evtname, 'enabled=' || e.evtenabled::text) FROM pg_event_trigger e",
            "SELECT 'temp', c.oid::text, 'name=' || c.relname FROM pg_class c WHERE c.relnamespace = pg_my_temp_schema()",
            "SELECT 'tempfn', p.oid::text, 'name=' || p.proname FROM pg_proc p WHERE p.pronamespace = pg_my_temp_schema()",
            // row writes of this transaction, per table (the statistics of the transaction in progress)
            "SELECT 'rows', s.relid::text, concat_ws(';', 'ins=' || s.n_tup_ins, 'upd=' || s.n_tup_upd, 'del=' || s.n_tup_del)"
                    + " FROM pg_stat_xact_user_tables s",
            "SELECT 'set', s.name, s.setting FROM pg_settings s",
            "SELECT 'guard', c.oid::text, 'name=' || c.relname FROM unnest(?::text[]) t"
                    + " JOIN pg_class c ON c.oid = to_regclass(quote_ident(t))",
            "SELECT 'who', 'user', current_user || '/' || session_user",
            "SELECT 'lock', 'advisory', count(*)::text FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
                    + " AND l.pid = pg_backend_pid()");

    private CatalogEvidence() {
    }

    /** kind -> key -> fingerprint; {@code guardTables} are the guard's own tables, by their unqualified names. */
    static Map<String, Map<String, String>> take(Connection connection, java.util.Set<String> guardTables) throws SQLException {
        Map<String, Map<String, String>> evidence = new LinkedHashMap<>();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setArray(1, connection.createArrayOf("text", guardTables.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    evidence.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return evidence;
    }
}
