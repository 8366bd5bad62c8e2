package dev.schemaguard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java is what a user copies: every ```java block of README.md must be a compilation
 * unit (imports and all) that compiles against the public API as it is now.
 */
class ReadmeJavaSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PUBLIC_TYPE = Pattern.compile("public\\s+(?:final\\s+)?(?:class|record|interface)\\s+(\\w+)");

    @TempDir
    Path dir;

    @Test
    void everyJavaBlockOfTheReadmeCompilesAgainstThePublicApi() throws IOException, URISyntaxException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> files = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(readme);
        while (block.find()) {
            String source = block.group(1);
            Matcher type = PUBLIC_TYPE.matcher(source);
            assertTrue(type.find(), "a README Java block is not a compilation unit with a public type:\n" + source);
            Path file = dir.resolve(type.group(1) + ".java");
            Files.writeString(file, source);
            files.add(file.toString());
        }
        assertFalse(files.isEmpty(), "README.md has no ```java block");

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "needs a JDK, not a JRE");
        String publicApi = Path.of(SchemaGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-classpath", publicApi,
                "-Xlint:all", "-Werror"));
        args.addAll(files);
        StringWriter errors = new StringWriter();
        int status = compiler.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                errors.write(b);
            }
        }), args.toArray(String[]::new));

        assertTrue(status == 0, "README.md's Java does not compile:\n" + errors);
    }
}
