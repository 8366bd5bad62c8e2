package dev.schemaguard.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.schemaguard.BootReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Runs a boot with standard output and error captured, and asserts no secret is in them or in its result. */
public final class NoSecrets {
    private NoSecrets() {
    }

    public static <T> T run(Supplier<T> boot, String... secrets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = boot.get();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        originalErr.print(text);
        assertFalse(text.isBlank(), "the boot printed its lines");
        String reportText = result instanceof BootReport r ? r + r.message() + r.line() + r.target() : String.valueOf(result);
        for (String secret : secrets) {
            assertAbsent(text, secret);
            assertAbsent(reportText, secret);
        }
        return result;
    }

    public static void assertAbsent(String text, String secret) {
        assertFalse(text.contains(secret), "a secret was printed:\n" + text);
    }
}
