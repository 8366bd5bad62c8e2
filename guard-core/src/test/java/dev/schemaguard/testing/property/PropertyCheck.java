package dev.schemaguard.testing.property;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a property on generated cases, JUnit 5 style (a plain {@code @Test} calls it). Each run starts
 * from one seed: {@code -Dschemaguard.seed=N} replays a run exactly; without it a new seed is drawn and
 * printed with any failure. A failing case is shrunk ({@link Shrinker}) and reported with its seed, the
 * try that failed, and the shrunk decisions, which {@code -Dschemaguard.replay=3,0,1} replays alone.
 */
public final class PropertyCheck {
    public static final String SEED_PROPERTY = "schemaguard.seed";
    public static final String REPLAY_PROPERTY = "schemaguard.replay";

    private PropertyCheck() {
    }

    /** Checks {@code property} on {@code tries} cases; throws an AssertionError naming how to reproduce. */
    public static void forAll(int tries, Consumer<Choices> property) {
        String replay = System.getProperty(REPLAY_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            property.accept(Choices.replaying(parse(replay)));
            return;
        }
        String fixed = System.getProperty(SEED_PROPERTY);
        long seed = fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.strip()) : System.nanoTime();
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(seed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            Choices choices = Choices.seeded(seeds.nextLong());
            Throwable failure = failureOf(property, choices);
            if (failure != null) {
                Shrinker.Result shrunk = Shrinker.shrink(choices.made(), failure, d -> failureOf(property, Choices.replaying(d)));
                AssertionError error = new AssertionError("property failed on try " + attempt + " of " + tries
                        + " (-D" + SEED_PROPERTY + "=" + seed + "); shrunk in " + shrunk.steps() + " steps from "
                        + choices.made().size() + " to " + shrunk.decisions().size() + " decisions (-D" + REPLAY_PROPERTY
                        + "=" + join(shrunk.decisions()) + "):\n" + shrunk.failure().getMessage(), shrunk.failure());
                throw error;
            }
        }
    }

    private static Throwable failureOf(Consumer<Choices> property, Choices choices) {
        try {
            property.accept(choices);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }

    private static List<Integer> parse(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Integer::valueOf).toList();
    }

    static String join(List<Integer> decisions) {
        return String.join(",", decisions.stream().map(String::valueOf).toList());
    }
}
