package dev.schemaguard.internal.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of verify's checks, as CI systems list them: SARIF's rules (with help text) and
 * JUnit's test cases. docs/verify.md has the same table; a test keeps the two in step.
 */
final class Checks {
    /**
     * One check.
     *
     * @param id       the stable id findings carry
     * @param title    one line: what was found
     * @param meaning  why it matters
     * @param fix      what to do
     */
    record Check(String id, String title, String meaning, String fix) {

        /** SARIF's rule name: the id in PascalCase. */
        String ruleName() {
            StringBuilder name = new StringBuilder();
            for (String part : id.split("-")) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
            return name.toString();
        }
    }

    private static final Map<String, Check> CHECKS = new LinkedHashMap<>();

    static {
        add("required-not-in-changelog", "A required migration is not in the changelog",
                "The contract requires a migration that the artifact does not ship.", "Ship the migration file, or fix the name.");
        add("required-not-in-manifest", "A required migration is not in the boot manifest",
                "The manifest is not a superset of the contract, so a fresh volume never gets the migration (incident 2).",
                "Add it to the boot manifest (it must be additive), or stop requiring it.");
        add("manifest-unknown-migration", "The boot manifest names a migration that is not shipped",
                "A boot fails with MANIFEST_UNKNOWN_MIGRATION.", "Fix the name, or ship the migration file.");
        add("manifest-duplicate", "A migration is listed twice in the boot manifest",
                "Two entries for one migration can disagree on its pin.", "Keep one entry.");
        add("manifest-pin-mismatch", "A migration changed after review",
                "The file's SHA-256 differs from the one pinned in the manifest (incident 5).",
                "Review the new file and update the pin, or restore the reviewed file.");
        add("manifest-pin-missing", "A manifest entry is not pinned",
                "Without sha256= a boot applies whatever file ships under that name. A warning; an error with --require-pins.",
                "Append sha256=<hex> of the reviewed file (the message gives it).");
        add("not-additive", "An allowlisted migration is not additive",
                "It breaks a classifier rule (drop, rename, type change, data rewrite, opaque code); a boot refuses it.",
                "Take it out of the manifest and apply it offline, or rewrite it as additive steps.");
        add("required-blocked-by-gap", "A required migration waits behind a held one",
                "On a fresh volume a held migration earlier in the changelog keeps it from being applied (no gaps).",
                "Allowlist the held migration (if additive), move it after the required ones, or set allow_gaps: true.");
        add("ledger-name", "A migration is not named as the configured ledger names it",
                "With ledger: flyway (or another foreign ledger), each migration must be named the way that tool names it "
                        + "(V<version>__<description>.sql), or the guard cannot match it to the ledger's rows.",
                "Rename the migration as the message says, or choose another ledger.");
        add("simulate-fresh", "A boot on a brand-new empty database does not pass",
                "With --simulate-fresh the configuration really booted on an empty database, and did not pass.",
                "The message carries the boot's code and its fix.");
    }

    private Checks() {
    }

    private static void add(String id, String title, String meaning, String fix) {
        CHECKS.put(id, new Check(id, title, meaning, fix));
    }

    static List<Check> all() {
        return List.copyOf(CHECKS.values());
    }

    /** The check with this id; one described by its id alone if the catalogue does not know it. */
    static Check of(String id) {
        return CHECKS.getOrDefault(id, new Check(id, id, "See docs/verify.md.", "See the finding's message."));
    }

    /** Every catalogued check, then any other check the findings name, in order. */
    static List<Check> including(List<String> ids) {
        Map<String, Check> all = new LinkedHashMap<>(CHECKS);
        ids.forEach(id -> all.putIfAbsent(id, of(id)));
        return List.copyOf(all.values());
    }
}
