package dev.schemaguard.cli;

import dev.schemaguard.BootListener;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.cli.watch.WatchCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar schema-guard.jar <command> --config <file>}. */
@Command(name = "schema-guard", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        description = "A boot-time schema guard: checks the required-migration contract, applies only allowlisted "
                + "additive migrations, and ends with one distinctive line.")
public final class Main {

    /** Exit codes; documented in the README. */
    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_HANG = 3;
    /** SIGTERM's status (128 + 15); the JVM exits with 130 itself after SIGINT. */
    public static final int EXIT_TERMINATED = 143;

    /** Whether the CLI is the process (run by main), not a part of another program (a test running it in-process). */
    private static volatile boolean ownProcess;

    public static void main(String[] args) {
        ownProcess = true;
        JulBridge.installWhenStarted();
        Thread logging = new Thread(org.slf4j.LoggerFactory::getILoggerFactory, "schema-guard-logging");
        logging.setDaemon(true);
        logging.start();
        System.exit(run(args));
    }

    /** How long ago this process started, when the CLI is the process. */
    static Optional<java.time.Duration> processAge() {
        return ownProcess ? ProcessAge.now() : Optional.empty();
    }

    /**
     * The subcommands, built on demand: picocli reflects over a command's annotations when it is
     * added, and a boot should not pay for the options of commands it does not run.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("boot", BootCommand::new);
        SUBCOMMANDS.put("plan", PlanCommand::new);
        SUBCOMMANDS.put("info", InfoCommand::new);
        SUBCOMMANDS.put("verify", VerifyCommand::new);
        SUBCOMMANDS.put("baseline", BaselineCommand::new);
        SUBCOMMANDS.put("check-integrity", CheckIntegrityCommand::new);
        SUBCOMMANDS.put("watch", WatchCommand::new);
    }

    static int run(String... args) {
        JulBridge.installUnlessDeferred();
        return commandLine(args).execute(args);
    }

    static CommandLine commandLine(String... args) {
        return commandLine(System.getenv(), args);
    }

    /** The CLI reading the given environment (PGPASSWORD, SCHEMA_GUARD_DATABASE) instead of the process's. */
    static CommandLine commandLine(Map<String, String> environment, String... args) {
        CommandLine cli = new CommandLine(new Main(), new Factory(environment));
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0])) {
            cli.addSubcommand(args[0], SUBCOMMANDS.get(args[0]).get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        // A bad option is a usage error (exit 2, the handler below); anything a command throws is a crash,
        // INTERNAL_ERROR with its verdict line (exit 1), or CONFIG_INVALID for a configuration it could not load.
        cli.setExecutionExceptionHandler((e, command, parsed) ->
                GuardRun.exitCode(SchemaGuard.reportFailure(e, null, BootListener.NONE)));
        cli.setParameterExceptionHandler((e, rejected) -> {
            // qualifiedName is "schema-guard" or "schema-guard verify": the program is named once.
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            e.getCommandLine().getErr().println(command + ": " + e.getMessage());
            e.getCommandLine().getErr().println("Run '" + command + " --help' for usage.");
            return EXIT_USAGE;
        });
        return cli;
    }

    /** Gives the commands' options the environment, so that a test can run the CLI with its own. */
    private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            return type == GuardOptions.class ? type.cast(new GuardOptions(environment)) : CommandLine.defaultFactory().create(type);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"schema-guard " + SchemaGuard.VERSION};
        }
    }
}
