package dev.schemaguard.bench;

import java.nio.file.Path;

/**
 * A tool's run as a process of its own: {@code <TOOL> <jdbc url> <target>}. Liquibase's usage report
 * to its vendor is switched off (a network call a production boot would not make either).
 */
public final class ToolMain {
    private ToolMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        Tool.valueOf(args[0]).run(args[1], Path.of(args[2]));
    }
}
