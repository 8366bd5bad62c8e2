package dev.schemaguard.internal.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migrations a database records as applied, keyed by the changelog's migration names: each
 * ledger kind matches its rows to migrations by its own rule (Liquibase's ID, Flyway's version, a
 * {@code schema_migrations} file name or version) when it reads them. Matching Liquibase's rows on
 * the ID alone, not on ID+AUTHOR+FILENAME, is what keeps a migration applied when the folder it is
 * read from moves (an image's {@code /app/migrations} versus CI's source tree).
 *
 * @param exists   whether the ledger table exists at all
 * @param rows     applied rows by migration name, in the order they were applied
 * @param blocked  migrations the ledger records as started and failed (Flyway's {@code success = false},
 *                 golang-migrate's {@code dirty}), with why: never applied over that record
 * @param drifted  applied migrations whose file no longer matches the foreign ledger's checksum, with how
 * @param unmatched a foreign ledger's rows that match no migration of the changelog (applied by another
 *                 build, or removed since), under the ledger's own name for them (Flyway's script, the
 *                 {@code schema_migrations} value); Liquibase's such rows are in {@code rows}, by their ID
 */
public record Ledger(boolean exists, Map<String, LedgerRow> rows, Map<String, String> blocked, Map<String, String> drifted,
                     List<LedgerRow> unmatched) {

    public Ledger {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        blocked = Map.copyOf(blocked);
        drifted = Map.copyOf(drifted);
        unmatched = List.copyOf(unmatched);
    }

    public Ledger(boolean exists, Map<String, LedgerRow> rows, Map<String, String> blocked, Map<String, String> drifted) {
        this(exists, rows, blocked, drifted, List.of());
    }

    public Ledger(boolean exists, Map<String, LedgerRow> rows) {
        this(exists, rows, Map.of(), Map.of());
    }

    public static Ledger absent() {
        return new Ledger(false, Map.of());
    }

    public Optional<LedgerRow> row(String name) {
        return Optional.ofNullable(rows.get(name));
    }
}
