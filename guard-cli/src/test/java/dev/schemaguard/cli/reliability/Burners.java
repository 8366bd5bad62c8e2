package dev.schemaguard.cli.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A loaded host: processes that spin on a CPU each, started by the test and killed when it ends. */
final class Burners implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();

    private Burners() {
    }

    static Burners start(int count) throws IOException {
        Burners burners = new Burners();
        for (int i = 0; i < count; i++) {
            burners.processes.add(new ProcessBuilder("sh", "-c", "while :; do :; done")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start());
        }
        return burners;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
