package dev.schemaguard.internal.sql;

import java.util.List;
import java.util.Set;

/**
 * The verdict on one migration. {@code additive == refusals.isEmpty()}.
 *
 * @param createdObjects objects the additive statements create, so the caller can treat them as
 *     existing for later migrations
 * @param outsideTransaction the migration must run outside a transaction (PostgreSQL {@code CREATE
 *     INDEX CONCURRENTLY})
 * @param rerunnable every statement can safely run a second time (IF NOT EXISTS forms), so a migration
 *     that a crash left half applied on a database without transactional DDL can be run again whole
 */
public record Classification(boolean additive, List<Refusal> refusals, Set<QualifiedName> createdObjects,
                             boolean outsideTransaction, boolean rerunnable) {
    public Classification(boolean additive, List<Refusal> refusals, Set<QualifiedName> createdObjects,
                          boolean outsideTransaction) {
        this(additive, refusals, createdObjects, outsideTransaction, false);
    }

    public Classification {
        refusals = List.copyOf(refusals);
        createdObjects = Set.copyOf(createdObjects);
        if (additive != refusals.isEmpty()) {
            throw new IllegalArgumentException("additive must equal refusals.isEmpty()");
        }
    }
}
