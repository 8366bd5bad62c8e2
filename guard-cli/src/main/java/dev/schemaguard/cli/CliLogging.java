package dev.schemaguard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The CLI's logging, configured in code rather than by logback.xml: parsing XML at every start
 * cost about a tenth of a second of a boot that should take a few tenths. Every line is printed
 * bare on standard error, so that {@code SCHEMA_GUARD result=...} starts the line and standard
 * output stays free for the JSON report. {@code -Dlogback.configurationFile=...} still wins.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        MessageOnly layout = new MessageOnly();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        VerdictHold hold = new VerdictHold(stderr);
        hold.setContext(context);
        hold.setName("VERDICT_HOLD");
        hold.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(hold);
        context.getLogger("liquibase").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Runs {@code action} with the guard's own lines ({@code SCHEMA_GUARD ...}) switched off: info
     * prints a table for a person, not a boot's log. The level is restored afterwards.
     */
    static <T> T withoutGuardLines(java.util.function.Supplier<T> action) {
        ch.qos.logback.classic.Logger guard = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.schemaguard");
        Level before = guard.getLevel();
        guard.setLevel(Level.OFF);
        try {
            return action.get();
        } finally {
            guard.setLevel(before);
        }
    }

    /** The message and nothing else. */
    static final class MessageOnly extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            return event.getFormattedMessage() + System.lineSeparator();
        }
    }
}
