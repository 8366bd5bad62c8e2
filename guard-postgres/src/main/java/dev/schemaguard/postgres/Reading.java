package dev.schemaguard.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reading of {@link CatalogEvidence}: kind -> key -> fingerprint, with the rows that say when it was
 * taken (the transaction snapshot, and the reading transaction's id if it had one), how many other
 * transactions committed since an earlier reading, and what an incremental reading could not vouch for.
 */
final class Reading {
    static final String SNAPSHOT = "snap";
    static final String COMMITTED = "committed";
    static final String UNSURE = "unsure";
    static final String DELETED = "deleted";
    static final String UPDATED = "updated";

    private final Map<String, Map<String, String>> evidence;

    Reading(Map<String, Map<String, String>> evidence) {
        this.evidence = evidence;
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

    /** The id of the transaction that took the reading, or null if it had none yet (it had written nothing). */
    String transaction() {
        String id = kind(SNAPSHOT).keySet().iterator().next();
        return id.isEmpty() ? null : id;
    }

    /** Whether no other transaction committed since the earlier reading this one was compared with. */
    boolean nothingCommittedSince() {
        return "0".equals(kind(COMMITTED).get(""));
    }

    /** What an incremental reading could not vouch for, space-separated; empty when nothing. */
    String unsure() {
        return kind(UNSURE).getOrDefault("", "");
    }

    /** This reading's session kinds with {@code catalog}'s catalog kinds: a whole reading. */
    Reading withCatalogOf(Reading catalog) {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        catalog.evidence.forEach((kind, entries) -> {
            if (CatalogEvidence.isCatalogKind(kind)) {
                merged.put(kind, entries);
            }
        });
        return withSessionKinds(merged);
    }

    /**
     * {@code before} brought up to date by this incremental reading: its catalog entries, with the rows
     * this transaction wrote put over them, and this reading's session kinds; null when the reading cannot
     * vouch for the rest (another transaction committed, something it cannot show was written, or a row
     * of a catalog the kinds read was deleted, which only a whole reading can name).
     */
    Reading applyTo(Reading before) {
        if (!nothingCommittedSince() || !unsure().isEmpty() || kind(DELETED).isEmpty()
                || !kind(DELETED).equals(before.kind(DELETED))) {
            return null;
        }
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        for (String kind : CatalogEvidence.catalogKinds()) {
            Map<String, String> entries = new LinkedHashMap<>(before.kind(kind));
            entries.putAll(kind(kind));
            merged.put(kind, entries);
        }
        return withSessionKinds(merged);
    }

    /** {@code catalog}'s entries with this reading's session kinds (and its bookkeeping rows): a whole reading. */
    private Reading withSessionKinds(Map<String, Map<String, String>> catalog) {
        evidence.forEach((kind, entries) -> {
            if (!CatalogEvidence.isCatalogKind(kind)) {
                catalog.put(kind, entries);
            }
        });
        return new Reading(catalog);
    }
}
