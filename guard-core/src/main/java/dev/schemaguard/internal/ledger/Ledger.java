package dev.schemaguard.internal.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The migrations a database records as applied, keyed by ID (the migration's name). Matching on the
 * ID alone, not on Liquibase's ID+AUTHOR+FILENAME, is what keeps a migration applied when the folder
 * it is read from moves (an image's {@code /app/migrations} versus CI's source tree).
 *
 * @param exists  whether the ledger table exists at all
 * @param rows    applied rows by ID, in the order they were applied
 */
public record Ledger(boolean exists, Map<String, LedgerRow> rows) {

    public Ledger {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    public static Ledger absent() {
        return new Ledger(false, Map.of());
    }

    public Optional<LedgerRow> row(String name) {
        return Optional.ofNullable(rows.get(name));
    }
}
