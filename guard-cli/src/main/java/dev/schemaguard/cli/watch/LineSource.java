package dev.schemaguard.cli.watch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where {@code watch} reads lines from: standard input or a followed file. */
interface LineSource extends AutoCloseable {

    /** A line and the instant it counts as written (arrival, or its own timestamp in a replay). */
    record TimedLine(String text, Instant at) {
    }

    /** What arrived within {@code wait}; {@code ended} when no more input will ever come. */
    record Batch(List<TimedLine> lines, boolean ended) {
    }

    Batch next(Duration wait) throws IOException, InterruptedException;

    @Override
    void close() throws IOException;
}
