package dev.schemaguard.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI's standard-error appender, which can hold back the verdict line while a boot in a terminal
 * prints its summary, so that the summary comes above it and the verdict line is still the last.
 * Holding happens only when asked (a terminal); otherwise every line goes straight through.
 */
final class VerdictHold extends AppenderBase<ILoggingEvent> {
    private static final String VERDICT = "SCHEMA_GUARD result=";
    /** The appender CliLogging configured; null when logback.configurationFile chose another configuration. */
    private static volatile VerdictHold installed;

    private final Appender<ILoggingEvent> console;
    private final List<ILoggingEvent> held = new ArrayList<>();
    private boolean holding;

    VerdictHold(Appender<ILoggingEvent> console) {
        this.console = console;
        installed = this;
    }

    /** Starts holding verdict lines; false when the CLI's own appender is not in use (nothing is held then). */
    static boolean hold() {
        org.slf4j.LoggerFactory.getILoggerFactory(); // configures Logback now, if nothing has logged yet
        VerdictHold hold = installed;
        if (hold == null) {
            return false;
        }
        synchronized (hold) {
            hold.holding = true;
        }
        return true;
    }

    /** Runs {@code above} (which prints the summary), then lets the held lines through, and stops holding. */
    static void release(Runnable above) {
        VerdictHold hold = installed;
        if (hold == null) {
            return;
        }
        synchronized (hold) {
            above.run();
            hold.held.forEach(hold.console::doAppend);
            hold.held.clear();
            hold.holding = false;
        }
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (holding && event.getFormattedMessage().startsWith(VERDICT)) {
            held.add(event);
        } else {
            console.doAppend(event);
        }
    }
}
