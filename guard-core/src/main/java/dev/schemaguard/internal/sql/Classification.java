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
 */
public record Classification(
        boolean additive, List<Refusal> refusals, Set<QualifiedName> createdObjects, boolean outsideTransaction) {
    public Classification {
        refusals = List.copyOf(refusals);
        createdObjects = Set.copyOf(createdObjects);
        if (additive != refusals.isEmpty()) {
            throw new IllegalArgumentException("additive must equal refusals.isEmpty()");
        }
    }
}
