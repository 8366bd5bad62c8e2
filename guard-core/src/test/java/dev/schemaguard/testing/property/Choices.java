package dev.schemaguard.testing.property;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a generator's decisions come from: a seeded random source that records every decision, or a
 * recorded (possibly shrunk) sequence replayed. Generators ask only {@link #nextInt} and
 * {@link #nextBoolean}, and read 0 as "the simplest option", so that a shorter sequence of smaller
 * numbers always describes a simpler case: that is what makes shrinking work without shrinkers per type.
 */
public final class Choices {
    private final SplittableRandom random;
    private final List<Integer> replay;
    private final List<Integer> made = new ArrayList<>();

    private Choices(SplittableRandom random, List<Integer> replay) {
        this.random = random;
        this.replay = replay;
    }

    /** Fresh decisions from a seed, recorded as they are made. */
    public static Choices seeded(long seed) {
        return new Choices(new SplittableRandom(seed), null);
    }

    /** The given decisions again; past their end every decision is 0. */
    public static Choices replaying(List<Integer> decisions) {
        return new Choices(null, List.copyOf(decisions));
    }

    /** A number in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        int value;
        if (random != null) {
            value = random.nextInt(bound);
        } else {
            int recorded = made.size() < replay.size() ? replay.get(made.size()) : 0;
            value = Math.floorMod(recorded, bound);
        }
        made.add(value);
        return value;
    }

    public boolean nextBoolean() {
        return nextInt(2) == 1;
    }

    /** The decisions made so far, as they would be replayed. */
    public List<Integer> made() {
        return List.copyOf(made);
    }
}
