package dev.schemaguard.cli;

import dev.schemaguard.cli.watch.LogLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/** The CLI run in-process: exit code, standard output, and standard error (where the lines go). */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withEnvironment(System.getenv(), args);
    }

    /** The CLI run with its own environment (PGPASSWORD, SCHEMA_GUARD_DATABASE), standard output captured too. */
    static CliRun withEnvironment(java.util.Map<String, String> environment, String... args) {
        return run(() -> Main.commandLine(environment, args), args);
    }

    /**
     * A command line as the CLI builds it (possibly with a command a test added), run in-process; it is
     * built once standard output and error are captured, since the CLI's logging binds to them then.
     */
    static CliRun run(java.util.function.Supplier<CommandLine> commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter picocliErr = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        int code;
        try {
            CommandLine cli = commandLine.get();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(picocliErr));
            code = cli.execute(args);
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        return new CliRun(code, out + stdout.toString(StandardCharsets.UTF_8), picocliErr + err.toString(StandardCharsets.UTF_8));
    }

    /** The lines that start with SCHEMA_GUARD result=. */
    List<String> verdictLines() {
        // Counted with watch's own parser: what a boot prints and what a watchdog reads must agree.
        return err.lines().filter(l -> LogLine.parse(l).map(LogLine::isVerdict).orElse(false)).toList();
    }

    String verdictLine() {
        List<String> lines = verdictLines();
        if (lines.size() != 1) {
            throw new AssertionError("expected exactly one verdict line, got " + lines + "\n" + err);
        }
        return lines.get(0);
    }
}
