package dev.schemaguard.internal.sql;

import java.util.List;
import java.util.Set;

public record Classification(boolean additive, List<Refusal> refusals, Set<QualifiedName> createdObjects, boolean outsideTransaction) {}
