package dev.schemaguard.internal.sql;

import java.util.List;
import java.util.Set;

/**
 * The verdict on one migration. {@code additive == refusals.isEmpty()}.
 *
 * @param createdObjects objects the additive statements create, so the caller can treat them as
 *     existing for later migrations
 * @param plainTypes the types among them whose values are never checked row by row (enums,
 *     composites, domains without constraints), which later migrations may add as columns
 * @param outsideTransaction the migration must run outside a transaction (PostgreSQL {@code CREATE
 *     INDEX CONCURRENTLY})
 * @param executed the statements to run: all of them, less a BEGIN ... COMMIT that wraps the whole
 *     migration (the guard runs each migration in its own transaction)
 * @param rerunnable every statement can safely run a second time (IF NOT EXISTS forms), so a migration
 *     that a crash left half applied on a database without transactional DDL can be run again whole
 */
public record Classification(boolean additive, List<Refusal> refusals, Set<QualifiedName> createdObjects,
                             Set<QualifiedName> plainTypes, boolean outsideTransaction, List<SqlStatement> executed,
                             boolean rerunnable) {
    public Classification {
        refusals = List.copyOf(refusals);
        createdObjects = Set.copyOf(createdObjects);
        plainTypes = Set.copyOf(plainTypes);
        executed = List.copyOf(executed);
        if (additive != refusals.isEmpty()) {
            throw new IllegalArgumentException("additive must equal refusals.isEmpty()");
        }
    }
}
