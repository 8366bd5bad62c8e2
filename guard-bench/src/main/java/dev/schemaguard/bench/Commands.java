package dev.schemaguard.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command lines the benchmark times: the CLI jar, a tool's main class, the floor, an in-process loop. */
final class Commands {
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Path jar;
    private final String classpath;
    private final Path julWarnings;

    /** @param julWarnings  a java.util.logging configuration that keeps warnings only */
    Commands(Path jar, Path julWarnings) {
        this.jar = jar;
        this.julWarnings = julWarnings;
        // Surefire runs tests from a manifest-only jar; its property has the real class path.
        this.classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** {@code java [-XX:SharedArchiveFile=...] -jar schema-guard.jar boot --config <config>}. */
    List<String> guard(Path config, String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(Arrays.asList(jvmOptions));
        command.addAll(List.of("-jar", jar.toString(), "boot", "--config", config.toString()));
        return command;
    }

    /**
     * The archive's training run, as examples/docker's Dockerfile runs it at build time: a verify that
     * simulates the first boot on a scratch SQLite file.
     */
    List<String> cdsTraining(Path config, Path archive, Path scratch) {
        return List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=error", "-jar", jar.toString(), "verify",
                "--config", config.toString(), "--simulate-fresh", "--database", "jdbc:sqlite:" + scratch);
    }

    List<String> tool(Tool tool, String url, Path target) {
        if (tool == Tool.FLOOR) {
            return List.of(java, "-cp", floorClasspath(url), FloorRead.class.getName(), url, target.toString());
        }
        return List.of(java, "-cp", classpath, ToolMain.class.getName(), tool.name(), url, target.toString());
    }

    /** Logging at WARN for every tool (and no Liquibase update summary), so that no tool's timing is its console output. */
    List<String> inProcess(Tool tool, String url, Path target, int iterations) {
        return List.of(java, "-cp", classpath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dliquibase.analytics.enabled=false", "-Dliquibase.command.showSummary=off", "-Djava.util.logging.config.file=" + julWarnings,
                InProcessLoop.class.getName(), tool.name(), url, target.toString(), "5", "5", Integer.toString(iterations), "20");
    }

    /** The floor's class path: its own class and the JDBC driver, nothing else. */
    private String floorClasspath(String url) {
        String marker = url.startsWith("jdbc:sqlite:") ? "sqlite-jdbc" : "postgresql-";
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (entry.endsWith("guard-bench" + File.separator + "target" + File.separator + "classes") || name.startsWith(marker)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
