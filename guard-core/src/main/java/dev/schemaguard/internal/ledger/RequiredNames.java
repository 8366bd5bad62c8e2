package dev.schemaguard.internal.ledger;

import dev.schemaguard.internal.changelog.Migration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The contract's {@code required:} entries as migration names. An entry is a migration's name, or the
 * key the foreign ledger records it under (a Flyway version such as {@code 2} or {@code V2}, a
 * {@code schema_migrations} version or file name without {@code .sql}), so that a contract written
 * against the service's existing ledger keeps meaning the same migrations. An entry that names nothing
 * is kept as written, and reported as not in the changelog.
 */
public final class RequiredNames {
    private RequiredNames() {
    }

    public static List<String> resolve(List<String> required, List<Migration> migrations, List<LedgerKind> kinds) {
        List<String> names = new ArrayList<>();
        Set<String> byName = new HashSet<>();
        for (Migration migration : migrations) {
            byName.add(migration.name());
        }
        for (String entry : required) {
            // A contract that lists every migration by name is the common case: found without a scan.
            names.add(byName.contains(entry) ? entry : find(entry, migrations, kinds).map(Migration::name).orElse(entry));
        }
        return names;
    }

    private static Optional<Migration> find(String entry, List<Migration> migrations, List<LedgerKind> kinds) {
        for (LedgerKind kind : kinds) {
            List<Migration> matches = migrations.stream().filter(m -> safeRecordsAs(kind, m, entry)).toList();
            if (matches.size() == 1) {
                return Optional.of(matches.get(0));
            }
        }
        return Optional.empty();
    }

    /** A migration whose name does not fit a kind is simply not that kind's match. */
    private static boolean safeRecordsAs(LedgerKind kind, Migration migration, String entry) {
        try {
            return kind.recordsAs(migration, entry);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
