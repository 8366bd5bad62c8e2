package dev.schemaguard.mariadb.internal.judge;

import dev.schemaguard.internal.text.Fingerprint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares two readings of {@link ScratchEvidence} and says, in short sentences, what is not additive:
 * anything that existed (was copied) and changed or is gone; new code (triggers, routines, events) and new
 * temporary tables; anything added to one of the guard's own tables; and, on a table that holds rows, what
 * writes every one of them (a new column that is AUTO_INCREMENT, generated or defaults to an expression), an
 * index that cannot be built without blocking writes, and a foreign key that deletes or rewrites its rows
 * when others change. A rebuild that keeps every row (an online one, with LOCK=NONE) is not refused here:
 * whether it blocks writes is the statement's LOCK clause, the classifier's to require. A table without rows has nothing to rewrite: an earlier migration
 * of the same boot may have created it, which the classifier allows to be shaped freely, and it is the
 * classifier that refuses such changes to a table that existed before the boot.
 */
final class EvidenceDiff {
    /** Kinds whose existing entries must stay as they were. */
    private static final List<String> KEPT = List.of("rel", "col", "idx", "con", "fk", "fkcol", "chk", "trg", "view", "fn", "evt",
            "seq");
    /** A default that is a value, not an expression: a string, a number, bits, NULL, or none. */
    private static final Pattern LITERAL = Pattern.compile("\\(none\\)|NULL|'(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?|b'[01]*'",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, Map<String, String>> before;
    private final Map<String, Map<String, String>> after;
    /** Tables (and views, sequences) that existed before: the copied ones. */
    private final Set<String> existing;
    /** The existing tables whose real ones hold rows. */
    private final Set<String> withRows;

    EvidenceDiff(Map<String, Map<String, String>> before, Map<String, Map<String, String>> after, Set<String> withRows) {
        this.before = before;
        this.after = after;
        this.existing = of(before, "rel").keySet();
        this.withRows = withRows;
    }

    /** Everything not additive; {@code guardTables} are the guard's own tables (lower-case names). */
    List<String> notAdditive(Set<String> guardTables) {
        List<String> changes = new ArrayList<>();
        for (String kind : KEPT) {
            changes.addAll(changedOrGone(kind));
        }
        changes.addAll(reordered());
        changes.addAll(newCode());
        changes.addAll(newOnExistingTables(guardTables));
        return changes;
    }

    private List<String> changedOrGone(String kind) {
        List<String> changes = new ArrayList<>();
        of(before, kind).forEach((key, was) -> {
            String now = of(after, kind).get(key);
            if (was.equals(now)) {
                return;
            }
            if (kind.equals("seq")) {
                changes.add("sequence " + key + " was created anew or moved (state " + was + " -> " + (now == null ? "gone" : now) + ")");
            } else if (kind.equals("trg") && key.substring(key.indexOf('.') + 1).startsWith(ShadowCopy.MARKER)) {
                changes.add("table " + table(key) + " was created anew (it lost the marker the judge put on its copy): its rows "
                        + "would be gone");
            } else if (now == null) {
                changes.add(noun(kind) + " " + name(kind, key) + " was dropped");
            } else {
                changes.add(noun(kind) + " " + name(kind, key) + " changed: " + fieldsThatDiffer(was, now));
            }
        });
        return changes;
    }

    /** The columns that existed keep their order; new ones may go anywhere. */
    private List<String> reordered() {
        List<String> changes = new ArrayList<>();
        of(before, "order").forEach((table, was) -> {
            String now = of(after, "order").get(table);
            if (now == null) {
                return; // the table is gone: said already
            }
            List<String> old = List.of(was.split("\n"));
            List<String> kept = new ArrayList<>(List.of(now.split("\n")));
            kept.retainAll(old);
            List<String> stillThere = new ArrayList<>(old);
            stillThere.retainAll(kept);
            if (!kept.equals(stillThere)) {
                changes.add("the columns of " + table + " were reordered: " + String.join(", ", stillThere) + " -> " + String.join(", ", kept));
            }
        });
        return changes;
    }

    private List<String> newCode() {
        List<String> changes = new ArrayList<>();
        for (String key : added("trg")) {
            changes.add("trigger " + key.substring(key.indexOf('.') + 1) + " was created on " + key.substring(0, key.indexOf('.'))
                    + ": code on every write");
        }
        for (String key : added("fn")) {
            changes.add(key.toLowerCase(java.util.Locale.ROOT) + " was created: opaque code");
        }
        for (String key : added("evt")) {
            changes.add("event " + key + " was created: code the server runs on a schedule");
        }
        for (String key : added("temp")) {
            changes.add("temporary table " + key.substring(key.indexOf('.') + 1) + " was created: it shadows a real table of "
                    + "its name for the rest of the session");
        }
        return changes;
    }

    private List<String> newOnExistingTables(Set<String> guardTables) {
        List<String> changes = new ArrayList<>();
        for (String key : added("col")) {
            String table = key.substring(0, key.indexOf('.'));
            if (withRows.contains(table)) {
                newColumn(key, Fingerprint.fields(of(after, "col").get(key))).ifPresent(changes::add);
            }
        }
        for (String key : added("fk")) {
            Map<String, String> fk = Fingerprint.fields(of(after, "fk").get(key));
            boolean writesRows = List.of("CASCADE", "SET NULL", "SET DEFAULT").contains(fk.get("ondelete"))
                    || List.of("CASCADE", "SET NULL", "SET DEFAULT").contains(fk.get("onupdate"));
            if (withRows.contains(table(key)) && writesRows) {
                changes.add("foreign key " + name("fk", key) + " on existing " + table(key) + " cascades, nulls or resets its rows "
                        + "when the referenced rows change (ON DELETE " + fk.get("ondelete") + ", ON UPDATE " + fk.get("onupdate") + ")");
            }
        }
        for (String key : added("idx")) {
            String type = Fingerprint.fields(of(after, "idx").get(key)).get("type");
            if (withRows.contains(table(key)) && ("FULLTEXT".equals(type) || "SPATIAL".equals(type))) {
                changes.add("index " + name("idx", key) + " on existing " + table(key) + " is " + type
                        + ": it cannot be built without blocking writes to the table");
            }
        }
        for (String kind : List.of("col", "idx", "con", "chk", "trg")) {
            for (String key : added(kind)) {
                if (guardTables.contains(table(key).toLowerCase(java.util.Locale.ROOT)) && existing.contains(table(key))) {
                    changes.add(noun(kind) + " " + name(kind, key) + " was added to the guard's own table " + table(key));
                }
            }
        }
        return changes;
    }

    /** A new column on a table that has rows: what writes every row, if anything. */
    private static java.util.Optional<String> newColumn(String key, Map<String, String> column) {
        String extra = column.getOrDefault("extra", "").toLowerCase(java.util.Locale.ROOT);
        String what = "column " + key + ", new on a table with rows,";
        if (extra.contains("auto_increment")) {
            return java.util.Optional.of(what + " is AUTO_INCREMENT: every existing row is given a value");
        }
        if (extra.contains("generated")) {
            return java.util.Optional.of(what + " is generated (" + column.get("generated") + "): computed from every existing row");
        }
        String fallback = column.getOrDefault("default", "(none)");
        if (!LITERAL.matcher(fallback).matches()) {
            return java.util.Optional.of(what + " defaults to " + fallback + ", an expression evaluated for the existing rows");
        }
        return java.util.Optional.empty();
    }

    private Set<String> added(String kind) {
        Set<String> keys = new LinkedHashSet<>(of(after, kind).keySet());
        keys.removeAll(of(before, kind).keySet());
        return keys;
    }

    private static Map<String, String> of(Map<String, Map<String, String>> evidence, String kind) {
        return evidence.getOrDefault(kind, Map.of());
    }

    private static String table(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    private static String noun(String kind) {
        return switch (kind) {
            case "rel" -> "table";
            case "col" -> "column";
            case "idx" -> "index";
            case "con" -> "constraint";
            case "fk", "fkcol" -> "foreign key";
            case "chk" -> "check constraint";
            case "trg" -> "trigger";
            case "view" -> "view";
            case "fn" -> "routine";
            case "evt" -> "event";
            default -> kind;
        };
    }

    /** The name to show: a constraint without its type suffix; anything else by its key. */
    private static String name(String kind, String key) {
        return kind.equals("con") ? key.substring(0, key.lastIndexOf('.')) : key;
    }

    /** "type varchar(100) -> varchar(200), nullable YES -> NO"; a long value (a definition) is shortened. */
    private static String fieldsThatDiffer(String was, String now) {
        List<String> differ = Fingerprint.differences(was, now);
        return differ.isEmpty() ? Fingerprint.shorten(was) + " -> " + Fingerprint.shorten(now) : String.join(", ", differ);
    }
}
