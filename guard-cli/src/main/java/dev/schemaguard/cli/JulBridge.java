package dev.schemaguard.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging, which Liquibase (and the PostgreSQL driver) log through, to SLF4J, so that
 * the CLI has one log stream. In a process of its own the CLI installs it only when java.util.logging
 * starts (through {@code java.util.logging.config.class}, which the JDK's LogManager instantiates at its
 * first use instead of reading its configuration file): a no-op boot on SQLite never starts it, and
 * starting it would cost its LogManager's initialization for nothing.
 */
public final class JulBridge {
    private static final String CONFIG_CLASS = "java.util.logging.config.class";

    /** Called by java.util.logging's LogManager when it starts, as its configuration. */
    public JulBridge() {
        install();
    }

    /**
     * In a fresh process, before anything could have started java.util.logging: the bridge is
     * installed when it starts. Configuration given on the command line wins.
     */
    static void installWhenStarted() {
        if (System.getProperty(CONFIG_CLASS) == null && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty(CONFIG_CLASS, JulBridge.class.getName());
        }
    }

    /** Now, unless it is to be installed when java.util.logging starts (a test runs the CLI in a JVM where it has). */
    static void installUnlessDeferred() {
        if (!JulBridge.class.getName().equals(System.getProperty(CONFIG_CLASS))) {
            install();
        }
    }

    private static void install() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
