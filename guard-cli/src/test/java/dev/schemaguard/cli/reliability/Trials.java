package dev.schemaguard.cli.reliability;

/**
 * How many trials a suite runs: a few in the normal build ({@code mvn -B verify}), the full count
 * with {@code -Preliability} (system property {@code schemaguard.reliability=long}).
 */
final class Trials {
    private Trials() {
    }

    static boolean full() {
        return "long".equals(System.getProperty("schemaguard.reliability"));
    }

    static int of(int quick, int full) {
        return full() ? full : quick;
    }
}
