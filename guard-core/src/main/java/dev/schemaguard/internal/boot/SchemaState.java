package dev.schemaguard.internal.boot;

import dev.schemaguard.internal.sql.Classification;
import dev.schemaguard.internal.sql.QualifiedName;
import dev.schemaguard.internal.sql.SchemaView;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The objects a database holds as a plan goes through the changelog: those it had when the boot
 * began, plus those the migrations planned so far create ({@link #createdThisBoot}: empty, and
 * unknown to any running code). Names are the dialect's: {@code name} in the default schema,
 * {@code schema.name} otherwise, {@code schema} alone for a schema.
 */
final class SchemaState {
    private final Set<String> objects;
    private final Set<String> createdThisBoot = new HashSet<>();
    /** Enums and unconstrained domains: those the database reported, and those this boot creates. */
    private final Set<String> plainTypes = new HashSet<>();

    SchemaState(Set<String> existing) {
        this.objects = new HashSet<>(existing);
        existing.stream().filter(o -> o.startsWith(SchemaView.PLAIN_TYPE))
                .forEach(o -> plainTypes.add(o.substring(SchemaView.PLAIN_TYPE.length())));
    }

    Set<String> objects() {
        return objects;
    }

    /** Adds what an additive migration creates; IF NOT EXISTS on an object already there creates nothing. */
    void record(Classification classification) {
        List<String> created = classification.createdObjects().stream().map(SchemaState::key)
                .filter(name -> !objects.contains(name)).toList();
        objects.addAll(created);
        createdThisBoot.addAll(created);
        classification.plainTypes().stream().map(SchemaState::key).filter(created::contains).forEach(plainTypes::add);
    }

    SchemaView view() {
        return new SchemaView() {
            @Override
            public boolean exists(String schema, String name) {
                return SchemaState.exists(objects, schema, name);
            }

            @Override
            public boolean createdThisBoot(String schema, String name) {
                return SchemaState.exists(createdThisBoot, schema, name);
            }

            @Override
            public boolean isPlainType(String schema, String name) {
                return SchemaState.exists(plainTypes, schema, name);
            }
        };
    }

    static boolean exists(Set<String> objects, String schema, String name) {
        if (name == null) {
            return schema != null && objects.contains(lower(schema));
        }
        if (schema == null) {
            return objects.contains(lower(name));
        }
        return objects.contains(lower(schema) + "." + lower(name))
                || (schema.equalsIgnoreCase("main") || schema.equalsIgnoreCase("temp")) && objects.contains(lower(name));
    }

    private static String key(QualifiedName name) {
        if (name.name() == null) {
            return lower(name.schema());
        }
        return name.schema() == null ? lower(name.name()) : lower(name.schema()) + "." + lower(name.name());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
