package dev.schemaguard.maven;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.VerifyReport;
import dev.schemaguard.VerifyReport.Finding;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code schema-guard verify} in a Maven build: checks, with no database, that the boot manifest
 * and the migrations satisfy the required-migration contract, and fails the build on any error,
 * each finding in Maven's error output. Bound to the {@code verify} phase by default.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public final class VerifyMojo extends AbstractMojo {

    /** The schema-guard.yaml: relative to the project's folder, or, with {@code artifact}, a path inside the artifact. */
    @Parameter(property = "schemaguard.config", required = true)
    private String config;

    /** A built jar or an image's folder to read the config, changelog and manifest from, instead of the source tree. */
    @Parameter(property = "schemaguard.artifact")
    private File artifact;

    /** Also boot the configuration on a brand-new empty database (a temporary SQLite file, or {@code freshDatabase}). */
    @Parameter(property = "schemaguard.simulateFresh", defaultValue = "false")
    private boolean simulateFresh;

    /** The empty database {@code simulateFresh} boots against; required for a server database, which is never created. */
    @Parameter(property = "schemaguard.freshDatabase")
    private String freshDatabase;

    /** An unpinned manifest entry is an error, not a warning. */
    @Parameter(property = "schemaguard.requirePins", defaultValue = "false")
    private boolean requirePins;

    /**
     * text (default), json, sarif, github or junit. Findings always go to Maven's log; github prints
     * workflow commands on standard output, and json, sarif and junit write {@code outputFile}.
     */
    @Parameter(property = "schemaguard.format", defaultValue = "text")
    private String format;

    /** Where json, sarif or junit is written; default {@code target/schema-guard/verify.<json|sarif|xml>}. */
    @Parameter(property = "schemaguard.outputFile")
    private File outputFile;

    /** Skips the check. */
    @Parameter(property = "schemaguard.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    /** Where mvn was started: findings are located relative to it, as in the CI checkout. */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
    private File executionRoot;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("schema-guard verify: skipped");
            return;
        }
        VerifyReport.Format chosen;
        VerifyReport report;
        try {
            chosen = VerifyReport.Format.of(format);
            report = artifact == null ? verify(projectFolder().resolve(config))
                    : SchemaGuard.verifyArtifact(artifact.toPath(), root -> verify(root.resolve(config)));
        } catch (GuardConfigException | UncheckedIOException e) {
            throw new MojoExecutionException("schema-guard verify: CONFIG_INVALID: " + e.getMessage());
        }
        Path workingDirectory = executionRoot.toPath();
        for (Finding finding : report.findings()) {
            String line = "schema-guard: " + finding.describe(workingDirectory);
            if (finding.isError()) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        write(report, chosen, workingDirectory);
        String summary = "schema-guard " + report.summary();
        if (!report.clean()) {
            Finding first = report.findings().stream().filter(Finding::isError).findFirst().orElseThrow();
            throw new MojoFailureException(summary + "; the first: " + first.describe(workingDirectory)
                    + " (every finding is above; docs/verify.md says how to fix each)");
        }
        getLog().info(summary);
    }

    /** The project's folder; where mvn was started when it runs without a pom (the goal given on the command line). */
    private Path projectFolder() {
        return basedir != null ? basedir.toPath() : executionRoot.toPath();
    }

    private VerifyReport verify(Path configFile) {
        SchemaGuard guard = SchemaGuard.fromConfigFile(configFile);
        return simulateFresh && freshDatabase != null ? guard.verify(requirePins, freshDatabase)
                : guard.verify(requirePins, simulateFresh);
    }

    private void write(VerifyReport report, VerifyReport.Format chosen, Path workingDirectory) throws MojoExecutionException {
        switch (chosen) {
            case TEXT -> {
                // the log above is the text format
            }
            case GITHUB -> {
                // Workflow commands must start their line: standard output, not Maven's [ERROR] prefix.
                System.out.print(report.render(chosen, workingDirectory));
                System.out.flush();
            }
            default -> {
                Path build = buildDirectory != null ? buildDirectory.toPath() : projectFolder().resolve("target");
                Path target = outputFile != null ? outputFile.toPath() : build.resolve("schema-guard")
                        .resolve("verify." + (chosen == VerifyReport.Format.JUNIT ? "xml" : chosen.name().toLowerCase(Locale.ROOT)));
                try {
                    Files.createDirectories(target.toAbsolutePath().getParent());
                    Files.writeString(target, report.render(chosen, workingDirectory), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new MojoExecutionException("schema-guard verify: cannot write " + target + ": " + e.getMessage(), e);
                }
                getLog().info("schema-guard verify: " + chosen.name().toLowerCase(Locale.ROOT) + " report written to " + target);
            }
        }
    }
}
