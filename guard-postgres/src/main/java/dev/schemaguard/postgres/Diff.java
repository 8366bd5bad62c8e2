package dev.schemaguard.postgres;

import dev.schemaguard.internal.text.Fingerprint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two readings of {@link CatalogEvidence} and says, in short sentences, what is not additive.
 *
 * <p>When "after" is an incremental reading ({@link Reading#replaced()} not null), its catalog kinds are
 * "before"'s maps with the entries the transaction wrote put over them in place, and the replaced
 * entries' old values are kept aside: only those entries can differ, so only they are compared, and a
 * comparison costs what the migration wrote instead of what the schema holds (which made the client's
 * work grow with the square of a first boot's migrations).
 */
final class Diff {
    private final Map<String, Map<String, String>> before;
    private final Map<String, Map<String, String>> after;
    /** For an incremental "after": kind -> key -> the value "before" had (null: the key is new); else null. */
    private final Map<String, Map<String, String>> replaced;

    Diff(Map<String, Map<String, String>> before, Map<String, Map<String, String>> after) {
        this(before, after, null);
    }

    Diff(Map<String, Map<String, String>> before, Map<String, Map<String, String>> after, Map<String, Map<String, String>> replaced) {
        this.before = before;
        this.after = after;
        this.replaced = replaced;
    }

    /** Whether "after" shares this kind's map with "before", updated in place (a catalog kind of an incremental reading). */
    private boolean overlaid(String kind) {
        return replaced != null && CatalogEvidence.isCatalogKind(kind);
    }

    /** What "before" held for a key. */
    private String was(String kind, String key) {
        if (overlaid(kind)) {
            Map<String, String> old = replaced.getOrDefault(kind, Map.of());
            return old.containsKey(key) ? old.get(key) : of(after, kind).get(key);
        }
        return of(before, kind).get(key);
    }

    /** Whether a relation (by oid) existed before. */
    private boolean existed(String oid) {
        return was("rel", oid) != null;
    }

    private static Map<String, String> of(Map<String, Map<String, String>> evidence, String kind) {
        return evidence.getOrDefault(kind, Map.of());
    }

    /**
     * Indexes a new UNIQUE or PRIMARY KEY constraint took over (ADD CONSTRAINT ... USING INDEX, which
     * renames the index to the constraint): their new name is expected.
     */
    private Set<String> adoptedIndexes() {
        Set<String> adopted = new java.util.HashSet<>();
        for (String key : added("con")) {
            Map<String, String> f = Fingerprint.fields(of(after, "con").get(key));
            if (List.of("u", "p").contains(f.get("type"))) {
                adopted.add(f.get("index"));
            }
        }
        return adopted;
    }

    /** Entries of a kind that existed before and are gone or different now. */
    List<String> changedOrGone(String kind) {
        List<String> changes = new ArrayList<>();
        Set<String> adopted = kind.equals("rel") || kind.equals("idx") ? adoptedIndexes() : Set.of();
        Map<String, String> compared = overlaid(kind) ? replaced.getOrDefault(kind, Map.of()) : of(before, kind);
        compared.forEach((key, was) -> {
            if (was == null) {
                return; // new in an incremental reading
            }
            String now = of(after, kind).get(key);
            if (now != null && adopted.contains(key.substring(key.indexOf(':') + 1))) {
                return;
            }
            if (now == null) {
                changes.add(noun(kind) + " " + name(was, key) + " was dropped");
            } else if (!now.equals(was)) {
                changes.add(noun(kind) + " " + name(was, key) + " changed: " + fieldsThatDiffer(was, now));
            }
        });
        return changes;
    }

    /** The keys of a kind that are new. */
    Set<String> added(String kind) {
        if (overlaid(kind)) {
            Set<String> keys = new java.util.LinkedHashSet<>();
            replaced.getOrDefault(kind, Map.of()).forEach((key, was) -> {
                if (was == null) {
                    keys.add(key);
                }
            });
            return keys;
        }
        Set<String> keys = new java.util.LinkedHashSet<>(of(after, kind).keySet());
        keys.removeAll(of(before, kind).keySet());
        return keys;
    }

    /** Whether a relation (by oid) holds any row now. */
    interface RowCheck {
        boolean holdsRows(String oid) throws java.sql.SQLException;
    }

    /**
     * New code and policy: functions, triggers, rules, event triggers, default privileges, temporary
     * objects, and foreign keys that delete or rewrite rows of a table that existed and holds rows (one
     * an earlier migration of the same boot created is still empty: its key harms no row, as the
     * classifier also allows).
     */
    List<String> newCode(RowCheck rows) throws java.sql.SQLException {
        List<String> changes = new ArrayList<>();
        for (String key : added("fn")) {
            changes.add("function " + name(of(after, "fn").get(key), key) + " was created: opaque code");
        }
        for (String key : added("trg")) {
            String fingerprint = of(after, "trg").get(key);
            if (!fingerprint.contains("internal=true")) {
                changes.add("trigger " + name(fingerprint, key) + " was created on " + relation(owner(key)) + ": code on every write");
            }
        }
        for (String key : added("rule")) {
            changes.add("rule " + name(of(after, "rule").get(key), key) + " was created on " + relation(owner(key)));
        }
        for (String key : added("evt")) {
            changes.add("event trigger " + name(of(after, "evt").get(key), key) + " was created");
        }
        for (String key : added("dacl")) {
            changes.add("default privileges were changed (" + of(after, "dacl").get(key) + ")");
        }
        for (String key : added("pol")) {
            if (existed(owner(key))) {
                changes.add("policy " + name(of(after, "pol").get(key), key) + " was created on existing " + relation(owner(key)));
            }
        }
        for (String key : added("inh")) {
            if (existed(owner(key))) {
                changes.add("a table now inherits from existing " + relation(owner(key)) + ": its rows appear in the parent's queries");
            }
        }
        for (String key : added("con")) {
            String fingerprint = of(after, "con").get(key);
            boolean writesRows = fingerprint.matches(".*ondelete=[cnd];.*") || fingerprint.matches(".*onupdate=[cnd];.*");
            if (existed(owner(key)) && fingerprint.contains("type=f;") && writesRows && rows.holdsRows(owner(key))) {
                changes.add("foreign key " + name(fingerprint, key) + " on existing " + relation(owner(key))
                        + " cascades, nulls or resets its rows when the referenced rows change");
            }
        }
        for (String guardTable : of(before, "guard").keySet()) {
            for (String kind : List.of("col", "con", "idx")) {
                for (String key : added(kind)) {
                    if (key.startsWith(guardTable + ".") || key.startsWith(guardTable + ":")) {
                        changes.add(noun(kind) + " " + name(of(after, kind).get(key), key) + " was added to the guard's own "
                                + relation(guardTable));
                    }
                }
            }
        }
        for (String kind : List.of("temp", "tempfn")) {
            for (String key : added(kind)) {
                changes.add("temporary " + name(of(after, kind).get(key), key) + " was created: it shadows real objects of that name");
            }
        }
        return changes;
    }

    /** Rows written in existing tables; the ledger's are the guard's own record, in its kind's shape. */
    List<String> rowsWritten(String ledgerOid) {
        List<String> changes = new ArrayList<>();
        // a table with no row in either reading was not written: only those with one are compared
        Set<String> written = new java.util.LinkedHashSet<>(of(before, "rows").keySet());
        written.addAll(of(after, "rows").keySet());
        for (String rel : written) {
            if (rel.equals(ledgerOid) || !existed(rel)) {
                continue;
            }
            Map<String, Long> was = counts(of(before, "rows").get(rel));
            Map<String, Long> now = counts(of(after, "rows").get(rel));
            for (String what : List.of("ins", "upd", "del")) {
                long delta = now.getOrDefault(what, 0L) - was.getOrDefault(what, 0L);
                if (delta != 0) {
                    changes.add(delta + " row(s) " + Map.of("ins", "inserted into", "upd", "updated in", "del", "deleted from")
                            .get(what) + " existing " + relation(rel));
                }
            }
        }
        return changes;
    }

    /**
     * Settings: the limits may be set by the migration but never lifted (0 is no limit; the boot's
     * deadline still bounds a longer one); everything else, the role, and the schemas unqualified names
     * resolve in, stay.
     */
    List<String> settings(Set<String> limits) {
        List<String> changes = new ArrayList<>();
        of(before, "set").forEach((name, was) -> {
            String now = of(after, "set").get(name);
            if (limits.contains(name)) {
                // as current_setting shows them ("5s"); one that does not read as a time is not a limit kept
                String nowMillis = now == null ? null : Reading.millis(now);
                if (nowMillis == null || Long.parseLong(nowMillis) == 0) {
                    changes.add(name + " was lifted: " + Reading.millis(was) + "ms -> " + nowMillis + "ms (0 means no limit)");
                }
            } else if (!was.equals(now)) {
                changes.add("setting " + name + " changed: " + was + " -> " + now);
            }
        });
        if (!of(before, "who").equals(of(after, "who"))) {
            changes.add("the session's role changed: " + of(before, "who").get("user") + " -> " + of(after, "who").get("user"));
        }
        String pathBefore = of(before, "path").get("schemas");
        String pathAfter = of(after, "path").get("schemas");
        if (pathBefore != null && !pathBefore.equals(pathAfter)) {
            changes.add("the schemas unqualified names resolve in changed: " + pathBefore + " -> " + pathAfter
                    + " (a schema on the search_path was created or dropped: later migrations' tables and the guard's"
                    + " ledger would be looked for there; create the schema before the boot, or keep it off the search_path)");
        }
        long locksBefore = Long.parseLong(of(before, "lock").getOrDefault("advisory", "0"));
        long locksAfter = Long.parseLong(of(after, "lock").getOrDefault("advisory", "0"));
        if (locksAfter < locksBefore) {
            changes.add("an advisory lock the guard held (its apply lock) was released");
        }
        return changes;
    }

    private String relation(String oid) {
        String was = was("rel", oid);
        String fingerprint = was != null ? was : of(after, "rel").get(oid);
        return fingerprint == null ? "relation " + oid : name(fingerprint, oid);
    }

    private static String owner(String key) {
        return key.substring(0, key.indexOf(':'));
    }

    private static String noun(String kind) {
        return Map.ofEntries(Map.entry("rel", "relation"), Map.entry("col", "column"), Map.entry("con", "constraint"),
                Map.entry("idx", "index"), Map.entry("trg", "trigger"), Map.entry("rule", "rule"), Map.entry("pol", "policy"),
                Map.entry("fn", "function"), Map.entry("nsp", "schema"), Map.entry("dacl", "default privilege"),
                Map.entry("enum", "enum label"), Map.entry("evt", "event trigger"), Map.entry("inh", "inheritance of"),
                Map.entry("typ", "type"), Map.entry("pub", "publication"), Map.entry("pubrel", "publication of"),
                Map.entry("cast", "cast"), Map.entry("opr", "operator"))
                .getOrDefault(kind, kind);
    }

    private static String name(String fingerprint, String key) {
        Map<String, String> f = Fingerprint.fields(fingerprint);
        return f.getOrDefault("name", f.getOrDefault("label", f.getOrDefault("parent", f.getOrDefault("relation", key))));
    }

    /** "relfilenode 16384 -> 16402, visible true -> false"; a long value (a definition) is shortened. */
    private static String fieldsThatDiffer(String was, String now) {
        return String.join(", ", Fingerprint.differences(was, now));
    }

    private static Map<String, Long> counts(String fingerprint) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Fingerprint.fields(fingerprint).forEach((k, v) -> counts.put(k, Long.parseLong(v)));
        return counts;
    }
}
