package dev.schemaguard.postgres;

import dev.schemaguard.internal.text.Fingerprint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of {@link CatalogEvidence}: kind -> key -> fingerprint, with the rows that say when it was
 * taken (the transaction snapshot, and the reading transaction's id if it had one), what the transaction
 * wrote in each catalog so far, and how many other transactions committed since an earlier reading.
 */
final class Reading {
    static final String SNAPSHOT = "snap";
    static final String BACKEND = "backend";
    /** The guard's tables by the unqualified name the guard uses: "<oid> <schema>.<name>" of what it resolves to. */
    static final String GUARD_NAMES = "guard-names";
    static final String COMMITTED = "committed";
    static final String UNSURE = "unsure";
    /** Per catalog, the rows this transaction inserted, updated and deleted in it so far: "ins/upd/del". */
    static final String CATALOG_WRITES = "catalog-writes";
    /** The statement limits as current_setting shows them ("5s"), in a reading that has no settings otherwise. */
    static final String LIMIT = "limit";
    /** Per catalog, its highest object id when the reading was taken. */
    static final String MAX_OID = "max-oid";
    /** Per catalog, how many rows an incremental reading found by object id. */
    static final String FOUND = "found";
    /** How many rows the table a session reading was asked to count holds. */
    static final String ROW_COUNT = "row-count";

    /** Whether the earlier reading's settings all still hold its values (see {@link CatalogEvidence#settingsUnchanged}). */
    static final String SETTINGS_SAME = "set-same";

    private static final Pattern SHOWN_TIME = Pattern.compile("(-?\\d{1,12})(ms|s|min|h|d)?");

    private final Map<String, Map<String, String>> evidence;
    /**
     * For an incremental reading: kind -> key -> what the earlier reading held for each catalog entry this
     * one put over it in place (null: a new key); null for a reading of its own.
     */
    private final Map<String, Map<String, String>> replaced;

    Reading(Map<String, Map<String, String>> evidence) {
        this(evidence, null);
    }

    private Reading(Map<String, Map<String, String>> evidence, Map<String, Map<String, String>> replaced) {
        this.evidence = evidence;
        this.replaced = replaced;
    }

    /**
     * {@code earlier}'s catalog kinds with {@code written}'s entries put over them in place (no copy of a
     * catalog that grows with the schema), and this reading's session kinds: the incremental reading
     * that {@link Diff} compares by the replaced entries alone. {@code earlier} must be used no more,
     * except through {@link #undo}.
     */
    Reading overlaying(Reading earlier, Map<String, Map<String, String>> written) {
        Map<String, Map<String, String>> catalog = new LinkedHashMap<>();
        Map<String, Map<String, String>> old = new LinkedHashMap<>();
        earlier.evidence.forEach((kind, entries) -> {
            if (CatalogEvidence.isCatalogKind(kind)) {
                catalog.put(kind, entries);
            }
        });
        written.forEach((kind, entries) -> {
            if (!CatalogEvidence.isCatalogKind(kind)) {
                return;
            }
            Map<String, String> base = catalog.computeIfAbsent(kind, k -> {
                Map<String, String> fresh = new LinkedHashMap<>();
                earlier.evidence.put(k, fresh);
                return fresh;
            });
            Map<String, String> was = old.computeIfAbsent(kind, k -> new LinkedHashMap<>());
            entries.forEach((key, value) -> {
                String previous = base.put(key, value);
                if (!was.containsKey(key)) {
                    was.put(key, previous);
                }
            });
        });
        evidence.forEach((kind, entries) -> {
            if (!CatalogEvidence.isCatalogKind(kind)) {
                catalog.put(kind, entries);
            }
        });
        return new Reading(catalog, old);
    }

    /** For an incremental reading, the entries it replaced (see {@link #overlaying}); else null. */
    Map<String, Map<String, String>> replaced() {
        return replaced;
    }

    /** Gives the earlier reading an incremental one was put over its catalog entries back, as it was. */
    void undo() {
        if (replaced == null) {
            return;
        }
        replaced.forEach((kind, old) -> {
            Map<String, String> entries = evidence.get(kind);
            old.forEach((key, value) -> {
                if (value == null) {
                    entries.remove(key);
                } else {
                    entries.put(key, value);
                }
            });
        });
    }

    /** kind -> key -> fingerprint, the bookkeeping rows included. */
    Map<String, Map<String, String>> evidence() {
        return evidence;
    }

    Map<String, String> kind(String kind) {
        return evidence.getOrDefault(kind, Map.of());
    }

    /** The snapshot the reading saw, as {@code txid_snapshot} text. */
    String snapshot() {
        return kind(SNAPSHOT).values().iterator().next();
    }

    /**
     * The table {@code name} resolves to as an unqualified name when the reading was taken: its oid and
     * quoted qualified name; null when it resolves to none.
     */
    String[] guardTable(String name) {
        String found = kind(GUARD_NAMES).get(name);
        return found == null ? null : found.split(" ", 2);
    }

    /** This transaction's inserts, updates and deletes of a table so far, "ins/upd/del" (from the row-writes kind). */
    String rowWrites(String oid) {
        String counts = kind("rows").get(oid);
        if (counts == null) {
            return "0/0/0";
        }
        Map<String, String> fields = Fingerprint.fields(counts);
        return fields.get("ins") + "/" + fields.get("upd") + "/" + fields.get("del");
    }

    /** The rows of the table this reading counted, or -1 if it counted none. */
    long rowCount() {
        String count = kind(ROW_COUNT).get("");
        return count == null ? -1 : Long.parseLong(count);
    }

    /** The process id of the session's server process. */
    String backend() {
        return kind(BACKEND).get("");
    }

    /** The id of the transaction that took the reading, or null if it had none yet (it had written nothing). */
    String transaction() {
        String id = kind(SNAPSHOT).keySet().iterator().next();
        return id.isEmpty() ? null : id;
    }

    /** Whether no other transaction committed since the earlier reading this one was compared with. */
    boolean nothingCommittedSince() {
        return "0".equals(kind(COMMITTED).get(""));
    }

    /** This reading's session kinds with {@code catalog}'s catalog kinds: a whole reading. */
    private Reading withCatalogOf(Reading catalog) {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        catalog.evidence.forEach((kind, entries) -> {
            if (CatalogEvidence.isCatalogKind(kind)) {
                merged.put(kind, entries);
            }
        });
        return withCatalog(merged);
    }

    /**
     * This reading, taken at the start of a migration's transaction with only the statement limits among
     * the settings, made whole with {@code lastAfter}'s catalog kinds and its other settings: the last
     * migration's reading, which found them unchanged, taken in the same session before its commit.
     * Between the two only the guard ran (it sets the limits) and the commit, which undoes SET LOCAL,
     * so that what a migration set for its own transaction only is not taken for the next one's start.
     * Null when a limit does not read as milliseconds.
     */
    Reading withCatalogAndSettingsOf(Reading lastAfter) {
        Map<String, String> settings = lastAfter.kind("set");
        for (Map.Entry<String, String> limit : kind(LIMIT).entrySet()) {
            if (millis(limit.getValue()) == null || !settings.containsKey(limit.getKey())) {
                return null;
            }
            if (!limit.getValue().equals(settings.get(limit.getKey()))) {
                // copied only when a limit differs: no reading changes a map it holds
                settings = settings == lastAfter.kind("set") ? new LinkedHashMap<>(settings) : settings;
                settings.put(limit.getKey(), limit.getValue());
            }
        }
        Reading whole = withCatalogOf(lastAfter);
        whole.evidence.put("set", settings);
        return whole;
    }

    /** A time setting as current_setting shows it ("0", "250ms", "5s", "2min", "1h", "1d") in milliseconds; null if not one. */
    static String millis(String shown) {
        Matcher m = SHOWN_TIME.matcher(shown);
        if (!m.matches()) {
            return null;
        }
        long factor = switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> 1_000L;
            case "min" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> 1L;
        };
        return Long.toString(Long.parseLong(m.group(1)) * factor);
    }

    /** {@code catalog}'s entries (catalog kinds) with this reading's session kinds and bookkeeping rows: a whole reading. */
    Reading withCatalog(Map<String, Map<String, String>> catalog) {
        evidence.forEach((kind, entries) -> {
            if (!CatalogEvidence.isCatalogKind(kind)) {
                catalog.put(kind, entries);
            }
        });
        return new Reading(catalog);
    }
}
