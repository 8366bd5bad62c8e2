package dev.schemaguard.internal.ledger;

import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.changelog.Migration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger a boot works with: the kind the database keeps, read to learn what is applied, and the
 * one writer the guard records in. They are the same kind unless the configuration sends the guard's
 * rows to {@code DATABASECHANGELOG}; then both are read, and a migration either records is applied.
 *
 * @param kept       the ledger the service keeps (what {@code ledger:} names or detection found)
 * @param writer     where the guard records what it applies: {@code kept}, or Liquibase's
 * @param detection  how the kind was chosen, for the ledger line: {@code configured}, {@code detected},
 *                   or {@code default} (no ledger yet: Liquibase's)
 */
public record ActiveLedger(LedgerKind kept, LedgerKind writer, String detection) {

    /** Liquibase's ledger alone, the default for a database that keeps none yet. */
    public static ActiveLedger liquibase(java.util.function.Supplier<dev.schemaguard.internal.liquibase.LiquibaseSql> liquibase) {
        LiquibaseLedger kind = new LiquibaseLedger(liquibase);
        return new ActiveLedger(kind, kind, "default");
    }

    /** {@code flyway}, or {@code flyway+liquibase} when the guard records in DATABASECHANGELOG. */
    public String describe() {
        return kept == writer ? kept.name() : kept.name() + "+" + writer.name();
    }

    private List<LedgerKind> readers() {
        return kept == writer ? List.of(kept) : List.of(kept, writer);
    }

    /** The tables of every ledger read or written: all a ledger check needs to know exists. */
    public Set<String> tables() {
        return java.util.stream.Stream.of(kept.table(), writer.table()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public boolean existsIn(Set<String> objects) {
        return readers().stream().anyMatch(kind -> kind.existsIn(objects));
    }

    /** Whether an object is one of the ledger tables (or their indexes): not the service's own. */
    public boolean isLedgerObject(String object) {
        return readers().stream().anyMatch(kind -> object.contains(kind.table())) || object.contains(LedgerTable.NAME);
    }

    public List<Migration> migrations(Changelog changelog) {
        return kept.migrations(changelog);
    }

    public boolean allowsGaps() {
        return writer.allowsGaps() && kept.allowsGaps();
    }

    /** What every ledger read records, merged: applied in either is applied. */
    public Ledger read(Connection connection, Set<String> objects, List<Migration> migrations) throws SQLException {
        return read(connection, objects, () -> migrations);
    }

    /** The same, with the migrations asked for only by a reader that matches rows to them, after its query. */
    public Ledger read(Connection connection, Set<String> objects, LedgerKind.Migrations migrations) throws SQLException {
        Map<String, LedgerRow> rows = new HashMap<>();
        Map<String, String> blocked = new HashMap<>();
        Map<String, String> drifted = new HashMap<>();
        Map<String, LedgerRow> unmatched = new java.util.LinkedHashMap<>();
        boolean exists = false;
        for (LedgerKind kind : readers()) {
            if (kind.existsIn(objects)) {
                Ledger ledger = kind.read(connection, migrations);
                exists = true;
                ledger.rows().forEach(rows::putIfAbsent);
                blocked.putAll(ledger.blocked());
                drifted.putAll(ledger.drifted());
                ledger.unmatched().forEach(row -> unmatched.putIfAbsent(row.id(), row));
            }
        }
        blocked.keySet().removeAll(rows.keySet());
        unmatched.keySet().removeAll(rows.keySet());
        return exists ? new Ledger(true, rows, blocked, drifted, List.copyOf(unmatched.values())) : Ledger.absent();
    }

    /** Whether any ledger read records the migration; under the apply lock. */
    public boolean contains(Connection connection, Set<String> objects, Migration migration) throws SQLException {
        for (LedgerKind kind : readers()) {
            if (kind.existsIn(objects) && kind.contains(connection, migration)) {
                return true;
            }
        }
        return false;
    }
}
