package dev.schemaguard.internal.changelog;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An immutable list that also finds its first element of a given name in constant time: a boot looks
 * up every migration in the changelog and the manifest, and a linear search each time would make a
 * boot with 10,000 migrations pay 10,000 × 10,000 comparisons.
 *
 * @param <T> the elements, each with a name
 */
public final class NamedList<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> elements;
    private final Map<String, T> firstByName;

    private NamedList(List<T> elements, Map<String, T> firstByName) {
        this.elements = elements;
        this.firstByName = firstByName;
    }

    public static <T> NamedList<T> of(List<T> elements, Function<T, String> name) {
        if (elements instanceof NamedList<T> named) {
            return named;
        }
        List<T> copy = List.copyOf(elements);
        Map<String, T> first = new HashMap<>(copy.size() * 2);
        for (T element : copy) {
            first.putIfAbsent(name.apply(element), element);
        }
        return new NamedList<>(copy, first);
    }

    /** The first element with this name. */
    public Optional<T> first(String name) {
        return Optional.ofNullable(firstByName.get(name));
    }

    @Override
    public T get(int index) {
        return elements.get(index);
    }

    @Override
    public int size() {
        return elements.size();
    }
}
