package dev.schemaguard.testing.property;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Shrinks a failing case by editing the decisions that generated it (as Hypothesis does): removes
 * runs of decisions, then lowers each one toward 0, keeping every edit after which the property still
 * fails, until no edit helps or the step budget is spent. Since generators read 0 as the simplest
 * option, fewer and smaller decisions mean a shorter, plainer case.
 */
final class Shrinker {
    private static final int MAX_STEPS = 5_000;

    record Result(List<Integer> decisions, Throwable failure, int steps) {
    }

    private final Function<List<Integer>, Throwable> failureOf;
    private List<Integer> best;
    private Throwable bestFailure;
    private int steps;

    private Shrinker(List<Integer> failing, Throwable failure, Function<List<Integer>, Throwable> failureOf) {
        this.failureOf = failureOf;
        this.best = new ArrayList<>(failing);
        this.bestFailure = failure;
    }

    /** {@code failureOf} replays decisions and returns the failure, or null when the property holds. */
    static Result shrink(List<Integer> failing, Throwable failure, Function<List<Integer>, Throwable> failureOf) {
        return new Shrinker(failing, failure, failureOf).run();
    }

    private Result run() {
        boolean improved = true;
        while (improved && steps < MAX_STEPS) {
            improved = false;
            for (int run = Math.max(1, best.size() / 2); run >= 1 && steps < MAX_STEPS; run /= 2) {
                for (int start = 0; start + run <= best.size() && steps < MAX_STEPS; ) {
                    List<Integer> candidate = new ArrayList<>(best.subList(0, start));
                    candidate.addAll(best.subList(start + run, best.size()));
                    if (keepsFailing(candidate)) {
                        improved = true;
                    } else {
                        start++;
                    }
                }
            }
            for (int i = 0; i < best.size() && steps < MAX_STEPS; i++) {
                for (int lower : new int[] {0, best.get(i) / 2, best.get(i) - 1}) {
                    if (lower >= 0 && lower < best.get(i)) {
                        List<Integer> candidate = new ArrayList<>(best);
                        candidate.set(i, lower);
                        if (keepsFailing(candidate)) {
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }
        int end = best.size();
        while (end > 0 && best.get(end - 1) == 0) {
            end--; // replaying reads 0 past the end anyway
        }
        return new Result(List.copyOf(best.subList(0, end)), bestFailure, steps);
    }

    /** Replays a candidate; when the property still fails on it, it becomes the case to shrink further. */
    private boolean keepsFailing(List<Integer> candidate) {
        steps++;
        Throwable failure = failureOf.apply(candidate);
        if (failure == null) {
            return false;
        }
        best = candidate;
        bestFailure = failure;
        return true;
    }
}
