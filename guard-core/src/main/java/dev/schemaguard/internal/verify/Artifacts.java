package dev.schemaguard.internal.verify;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.VerifyReport;
import dev.schemaguard.VerifyReport.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A built artifact as verify reads it: a folder as it is, or a jar unpacked to a temporary folder,
 * so that CI checks the resources that will actually ship rather than the source tree. Findings in
 * an unpacked jar are located as {@code service.jar!/db/boot-manifest.txt}, never in the temporary folder.
 */
public final class Artifacts {
    private Artifacts() {
    }

    public static VerifyReport verify(Path artifact, Function<Path, VerifyReport> verifyInside) {
        if (!Files.exists(artifact)) {
            throw new GuardConfigException(artifact + ": the artifact does not exist. Pass the built jar or the image's folder.");
        }
        if (Files.isDirectory(artifact)) {
            return verifyInside.apply(artifact);
        }
        Path unpacked = unpack(artifact);
        try {
            VerifyReport report = verifyInside.apply(unpacked);
            Path shownAs = artifact.toAbsolutePath().normalize().resolveSibling(artifact.getFileName() + "!");
            return new VerifyReport(report.findings().stream().map(f -> relocate(f, unpacked, shownAs)).toList(),
                    report.simulated());
        } finally {
            delete(unpacked);
        }
    }

    private static Finding relocate(Finding finding, Path from, Path to) {
        Path file = finding.file() != null && finding.file().startsWith(from) ? to.resolve(from.relativize(finding.file())) : finding.file();
        String message = finding.message().replace(from + "/", to + "/").replace(from.toString(), to.toString());
        return new Finding(finding.check(), finding.severity(), file, finding.line(), message);
    }

    private static Path unpack(Path artifact) {
        Path folder;
        try {
            folder = Files.createTempDirectory("schema-guard-artifact").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = folder.resolve(entry.getName()).normalize();
                if (!target.startsWith(folder)) {
                    throw new GuardConfigException(artifact + ": entry " + entry.getName() + " points outside the archive.");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
            return folder;
        } catch (ZipException e) {
            delete(folder);
            throw new GuardConfigException(artifact + ": not a jar or zip (" + e.getMessage() + "). Pass a jar or a folder.");
        } catch (IOException e) {
            delete(folder);
            throw new GuardConfigException(artifact + ": cannot unpack it (" + e.getMessage() + ").");
        } catch (RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    public static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
