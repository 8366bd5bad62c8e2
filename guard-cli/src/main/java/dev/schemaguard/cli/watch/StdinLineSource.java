package dev.schemaguard.cli.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Standard input read on its own daemon thread, so the watcher can tick (and see a stall)
 * while a {@code docker logs -f} pipe is quiet.
 */
final class StdinLineSource implements LineSource {

    private static final String END = new String("<end of input>"); // identity sentinel

    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(10_000);
    private final Function<String, TimedLine> stamp;
    private final Thread reader;

    StdinLineSource(InputStream in, Function<String, TimedLine> stamp) {
        this.stamp = stamp;
        this.reader = new Thread(() -> pump(in), "schema-guard-watch-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    static Function<String, TimedLine> arrivalTime(Clock clock) {
        return text -> new TimedLine(text, clock.instant());
    }

    private void pump(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                queue.put(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the pipe broke: treated as the end of input below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.offer(END);
        }
    }

    @Override
    public Batch next(Duration wait) throws InterruptedException {
        String first = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return new Batch(List.of(), false);
        }
        List<String> raw = new ArrayList<>();
        raw.add(first);
        queue.drainTo(raw);
        List<TimedLine> lines = new ArrayList<>();
        for (String text : raw) {
            if (text == END) {
                return new Batch(lines, true);
            }
            lines.add(stamp.apply(text));
        }
        return new Batch(lines, false);
    }

    @Override
    public void close() {
        reader.interrupt(); // a read blocked on stdin does not wake up; the daemon thread dies with the JVM
    }
}
