package dev.schemaguard.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process measurement, in a JVM of its own per tool and size (so one tool's JIT profile never
 * helps or hurts another's): the library call repeated until the JVM is warm (at least
 * {@code warmups} calls and {@code warmupSeconds}), then {@code iterations} timed calls (fewer when
 * they exceed {@code budgetSeconds}, never fewer than 3). Prints {@code RESULT <wall>/<cpu>...} in
 * nanoseconds, one pair per timed call: its wall time and the CPU time the whole JVM spent meanwhile
 * (every thread: the guard's worker, the JIT, the collector). Every call must be a no-op: a call
 * that applies anything fails the run.
 */
public final class InProcessLoop {
    private InProcessLoop() {
    }

    /** {@code <tool> <jdbc url> <target> <warmups> <warmupSeconds> <iterations> <budgetSeconds>}. */
    public static void main(String[] args) throws Exception {
        Tool tool = Tool.valueOf(args[0]);
        String url = args[1];
        Path target = Path.of(args[2]);
        int warmups = Integer.parseInt(args[3]);
        double warmupSeconds = Double.parseDouble(args[4]);
        int iterations = Integer.parseInt(args[5]);
        double budgetSeconds = Double.parseDouble(args[6]);
        long warmStart = System.nanoTime();
        for (int i = 0; i < warmups || (System.nanoTime() - warmStart) / 1e9 < warmupSeconds; i++) {
            once(tool, url, target);
            if (i >= 200) {
                break;
            }
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> calls = new ArrayList<>();
        long measureStart = System.nanoTime();
        while (calls.size() < iterations && (calls.size() < 3 || (System.nanoTime() - measureStart) / 1e9 < budgetSeconds)) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            once(tool, url, target);
            calls.add((System.nanoTime() - start) + "/" + (os.getProcessCpuTime() - cpu));
        }
        System.out.println("RESULT " + String.join(" ", calls));
    }

    private static void once(Tool tool, String url, Path target) throws Exception {
        int applied = tool.run(url, target);
        if (applied > 0) {
            throw new IllegalStateException(tool + " applied " + applied + " migrations: not a no-op");
        }
    }
}
