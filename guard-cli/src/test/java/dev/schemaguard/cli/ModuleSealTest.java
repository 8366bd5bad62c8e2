package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.SchemaGuard;
import dev.schemaguard.spi.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seal around the library modules, read from what the build compiled, so that it cannot erode
 * unnoticed: what each module descriptor exports, how many public types are outside
 * {@code internal} packages, that the CLI uses only the public API, and that core reads the
 * machine's clocks in one place.
 */
class ModuleSealTest {
    /** The API and the SPI (docs/design.md): at most this many public top-level types outside internal packages. */
    private static final int PUBLIC_TYPES = 20;
    private static final String MARIADB = "dev.schemaguard.mariadb";

    @Test
    void coreExportsTheApiAndTheSpi_andItsInternalsOnlyToTheDialectModules() throws Exception {
        ModuleDescriptor core = descriptor("dev.schemaguard.core");

        assertEquals(Set.of("dev.schemaguard", "dev.schemaguard.spi"), unqualifiedExports(core));
        assertEquals(Map.of(
                "dev.schemaguard.internal.sql", Set.of("dev.schemaguard.sqlite", "dev.schemaguard.postgres", MARIADB),
                "dev.schemaguard.internal.io", Set.of("dev.schemaguard.sqlite"),
                // the apply lock's polling, shared by the two server dialects
                "dev.schemaguard.internal.locks", Set.of("dev.schemaguard.postgres", MARIADB),
                "dev.schemaguard.internal.text", Set.of("dev.schemaguard.sqlite", "dev.schemaguard.postgres", MARIADB)), qualifiedExports(core));
        assertTrue(core.opens().isEmpty(), "core opens nothing");
        assertEquals(Set.of(Dialect.class.getName()), core.uses());
        assertFalse(core.packages().stream().anyMatch(p -> p.contains(".watch")), "watch lives in guard-cli");
    }

    @Test
    void eachDialectModuleExportsNothing_andProvidesItsDialect() throws Exception {
        for (String dialect : List.of("sqlite", "postgres", "mariadb")) {
            ModuleDescriptor module = descriptor("dev.schemaguard." + dialect);

            assertTrue(module.exports().isEmpty(), module.name() + " exports " + module.exports());
            assertTrue(module.opens().isEmpty(), module.name() + " opens " + module.opens());
            assertEquals(1, module.provides().size(), module.name() + " provides " + module.provides());
            ModuleDescriptor.Provides provides = module.provides().iterator().next();
            assertEquals(Dialect.class.getName(), provides.service());
            assertEquals(1, provides.providers().size());
            assertTrue(Class.forName(provides.providers().get(0)).getPackageName().startsWith(module.name()),
                    provides.providers().toString());
        }
    }

    @Test
    void atMostTwentyPublicTopLevelTypesLiveOutsideInternalPackages_acrossCoreAndTheDialects() throws Exception {
        Set<String> publicTypes = new TreeSet<>();
        for (String module : List.of("dev.schemaguard.core", "dev.schemaguard.sqlite", "dev.schemaguard.postgres", MARIADB)) {
            publicTypes.addAll(publicTopLevelTypesOutsideInternal(module));
        }

        assertTrue(publicTypes.size() <= PUBLIC_TYPES, publicTypes.size() + " public types, at most " + PUBLIC_TYPES + ": " + publicTypes);
        assertTrue(publicTypes.contains(SchemaGuard.class.getName()) && publicTypes.contains(Dialect.class.getName()),
                publicTypes.toString());
    }

    @Test
    void theCliUsesNoInternalPackage() throws Exception {
        Path classes = classesOf(Main.class);
        List<String> reachingIn;
        try (Stream<Path> files = Files.walk(classes)) {
            reachingIn = files.filter(f -> f.toString().endsWith(".class"))
                    .filter(ModuleSealTest::namesAnInternalPackage)
                    .map(f -> classes.relativize(f).toString()).sorted().toList();
        }
        assertEquals(List.of(), reachingIn, "CLI classes that use dev.schemaguard.internal");
    }

    @Test
    void coreReadsTheMachinesClocksInOneFile() throws Exception {
        Pattern clockRead = Pattern.compile("System\\.(nanoTime|currentTimeMillis)\\(|Instant\\.now\\(\\)");
        Path sources = repositoryRoot().resolve("guard-core/src/main/java");
        List<String> reading;
        try (Stream<Path> files = Files.walk(sources)) {
            reading = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> clockRead.matcher(read(f)).find())
                    .map(f -> sources.relativize(f).toString()).sorted().toList();
        }
        assertEquals(List.of("dev/schemaguard/internal/time/NanoClock.java"), reading);
    }

    private static ModuleDescriptor descriptor(String module) throws IOException, URISyntaxException {
        Path location = location(module);
        assertTrue(location != null, module + " is not on the test class path");
        try (InputStream in = Files.newInputStream(location.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** Where a module's classes are (a folder, or a jar's root), by the descriptor found there; null when not built. */
    private static Path location(String module) throws IOException, URISyntaxException {
        for (URL url : Collections.list(ModuleSealTest.class.getClassLoader().getResources("module-info.class"))) {
            try (InputStream in = url.openStream()) {
                if (ModuleDescriptor.read(in).name().equals(module)) {
                    return rootOf(url);
                }
            }
        }
        return null;
    }

    private static Path rootOf(URL moduleInfo) throws IOException, URISyntaxException {
        if (moduleInfo.getProtocol().equals("file")) {
            return Path.of(moduleInfo.toURI()).getParent();
        }
        if (moduleInfo.getProtocol().equals("jar")) {
            String jar = moduleInfo.getPath().substring("file:".length(), moduleInfo.getPath().indexOf("!/"));
            FileSystem zip;
            try {
                zip = FileSystems.newFileSystem(Path.of(jar));
            } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                zip = FileSystems.getFileSystem(moduleInfo.toURI());
            }
            return zip.getPath("/");
        }
        return null;
    }

    private static Set<String> unqualifiedExports(ModuleDescriptor module) {
        return module.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
    }

    private static Map<String, Set<String>> qualifiedExports(ModuleDescriptor module) {
        Map<String, Set<String>> qualified = new TreeMap<>();
        module.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .forEach(e -> qualified.put(e.source(), e.targets()));
        return qualified;
    }

    private static List<String> publicTopLevelTypesOutsideInternal(String module) throws Exception {
        ModuleDescriptor descriptor = descriptor(module);
        Path root = location(module);
        List<String> types = new ArrayList<>();
        for (String pkg : descriptor.packages()) {
            if (pkg.contains(".internal")) {
                continue;
            }
            Path folder = root.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
                        Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()),
                                false, ModuleSealTest.class.getClassLoader());
                        if (Modifier.isPublic(type.getModifiers())) {
                            types.add(type.getName());
                        }
                    }
                }
            }
        }
        return types;
    }

    private static Path classesOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** A class file names another class in its constant pool by its internal name, with slashes. */
    private static boolean namesAnInternalPackage(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("dev/schemaguard/internal/");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("guard-core"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "the repository root is not above " + Path.of("").toAbsolutePath());
        return p;
    }
}
