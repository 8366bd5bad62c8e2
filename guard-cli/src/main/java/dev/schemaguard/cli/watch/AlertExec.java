package dev.schemaguard.cli.watch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code --exec} command once per alert through {@code sh -c}, with the alert line in
 * {@code SCHEMA_GUARD_ALERT} and on its standard input. Bounded: a hook that hangs must not
 * stop the watchdog, so it is killed after the timeout. Its output goes to our standard error,
 * keeping standard output for alert lines only.
 */
final class AlertExec {

    private final String command;
    private final Duration timeout;
    private final PrintWriter err;

    AlertExec(String command, Duration timeout, PrintWriter err) {
        this.command = command;
        this.timeout = timeout;
        this.err = err;
    }

    /** Returns the command's exit code, or -1 when it timed out or could not start. */
    int run(String alertLine) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        builder.environment().put("SCHEMA_GUARD_ALERT", alertLine);
        try {
            Process process = builder.start();
            Thread copier = new Thread(() -> copyToErr(process.getInputStream()), "schema-guard-exec-output");
            copier.setDaemon(true);
            copier.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write((alertLine + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the hook does not read its input: fine, it has the environment variable
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                err.println("schema-guard watch: --exec timed out after " + timeout.toMillis() + " ms and was killed");
                err.flush();
                return -1;
            }
            copier.join(1000);
            if (process.exitValue() != 0) {
                err.println("schema-guard watch: --exec exited with " + process.exitValue());
                err.flush();
            }
            return process.exitValue();
        } catch (IOException e) {
            err.println("schema-guard watch: --exec could not start: " + e.getMessage());
            err.flush();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void copyToErr(InputStream output) {
        try (output) {
            String text = new String(output.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                synchronized (err) {
                    err.print(text);
                    err.flush();
                }
            }
        } catch (IOException ignored) {
            // killed after a timeout: its output is lost, the timeout was reported
        }
    }
}
