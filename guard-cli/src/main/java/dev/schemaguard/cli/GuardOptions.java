package dev.schemaguard.cli;

import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.VerifyReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options shared by the commands that read a {@code schema-guard.yaml}. */
final class GuardOptions {
    /** The standard libpq variable, honoured the same way psql does. */
    static final String PASSWORD_ENV = "PGPASSWORD";

    @Option(names = "--config", required = true, paramLabel = "<file>", description = "The schema-guard.yaml to use.")
    Path config;

    @Option(names = "--database", paramLabel = "<jdbc-url>",
            description = "Overrides database: of the config (and SCHEMA_GUARD_DATABASE).")
    String database;

    @Option(names = "--user", paramLabel = "<name>", description = "Database user, when not in the URL.")
    String user;

    @Option(names = "--password-file", paramLabel = "<path>",
            description = "A file holding the database password (one line; a trailing newline is ignored). "
                    + "Without it, PGPASSWORD is used. The password is never printed.")
    Path passwordFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    VerifyReport.Format format = VerifyReport.Format.TEXT;

    @Option(names = "--format", paramLabel = "<format>",
            description = "text (default) or json: the full report as JSON on standard output; logs stay on standard error. "
                    + "verify also prints sarif, github or junit.")
    void format(String name) {
        VerifyReport.Format chosen;
        try {
            chosen = VerifyReport.Format.of(name);
        } catch (GuardConfigException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "--format: " + e.getMessage());
        }
        if (chosen != VerifyReport.Format.TEXT && chosen != VerifyReport.Format.JSON && !"verify".equals(command.name())) {
            throw new CommandLine.ParameterException(command.commandLine(), "--format " + name + " is for verify's findings; "
                    + command.name() + " prints text or json.");
        }
        format = chosen;
    }

    private final Map<String, String> environment;
    private boolean deadlineFromProcessStart;

    GuardOptions(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Counts {@code deadline:} from the moment the process started, not from the moment the boot
     * starts: the platform's health grace runs from the container's start, JVM start included, and
     * the verdict must come within it.
     */
    void countDeadlineFromProcessStart() {
        deadlineFromProcessStart = true;
    }

    GuardConfig load() {
        return GuardConfig.fromFile(config).environment(environment).database(database).credentials(user, password()).load();
    }

    /**
     * The configuration with what is left of its deadline when the budget counts from the process's
     * start; called the moment before the boot starts its clock, so that nothing in between goes uncounted.
     */
    GuardConfig startingNow(GuardConfig loaded) {
        Optional<Duration> age = deadlineFromProcessStart ? Main.processAge() : Optional.empty();
        if (age.isEmpty()) {
            return loaded;
        }
        Duration left = loaded.deadline().minus(age.get());
        return loaded.toBuilder().deadline(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left).build();
    }

    /** The password from --password-file, else PGPASSWORD; null when neither is given. */
    String password() {
        if (passwordFile == null) {
            String fromEnvironment = environment.get(PASSWORD_ENV);
            return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
        }
        String text;
        try {
            text = Files.readString(passwordFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GuardConfigException("--password-file " + passwordFile + ": cannot read it (" + e.getClass().getSimpleName()
                    + "). Put the password alone on one line in a file this user can read, or set " + PASSWORD_ENV + ".");
        }
        String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (password.isEmpty()) {
            throw new GuardConfigException("--password-file " + passwordFile + ": the file is empty. Put the password in it, "
                    + "or leave out --password-file.");
        }
        return password;
    }

    /** What the distinctive line of a configuration error names as db=, secrets redacted by the line writer. */
    String databaseForMessages() {
        return database != null ? database : environment.get(GuardConfig.DATABASE_ENV);
    }
}
