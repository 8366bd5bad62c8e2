package dev.schemaguard.cli.watch;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A file followed like {@code tail -F}, or read through once ({@code --once}). */
final class FileLineSource implements LineSource {

    private final FileFollower follower;
    private final boolean once;
    private final Function<String, TimedLine> stamp;

    FileLineSource(FileFollower follower, boolean once, Function<String, TimedLine> stamp) {
        this.follower = follower;
        this.once = once;
        this.stamp = stamp;
    }

    @Override
    public Batch next(Duration wait) throws IOException, InterruptedException {
        List<String> raw = new ArrayList<>(follower.poll());
        if (once) {
            follower.remainder().ifPresent(raw::add);
        } else if (raw.isEmpty()) {
            Thread.sleep(wait.toMillis()); // polling a file: nothing to block on
        }
        List<TimedLine> lines = new ArrayList<>(raw.size());
        raw.forEach(text -> lines.add(stamp.apply(text)));
        return new Batch(lines, once);
    }

    @Override
    public void close() throws IOException {
        follower.close();
    }
}
