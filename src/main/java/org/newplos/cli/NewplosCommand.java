package org.newplos.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code newplos}: runs the web server by default, or one of the commands below. */
@Command(
        name = "newplos",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Membership and space-leasing manager for coworking spaces, studios and makerspaces.%n"
                + "With no command it runs the web server (same as 'serve').",
        subcommands = {
            ServeCommand.class,
            CreateAdminCommand.class,
            DemoDataCommand.class,
            MigrateCommand.class,
            DoctorCommand.class,
            CreateTokenCommand.class,
            ImportCommand.class,
            InvoiceRunCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the command failed (the message says why)", "2:invalid usage"},
        footerHeading = "%nConfiguration:%n",
        footer = {
            "  DATABASE_URL              postgres://user:pass@host:port/db (default: embedded PostgreSQL)",
            "  NEWPLOS_DATA_DIR          folder of the embedded database (default ./data)",
            "  OTEL_EXPORTER_OTLP_ENDPOINT, SENTRY_DSN  traces and error tracking (see 'doctor')",
            "  See README.md for every setting."
        })
public class NewplosCommand implements Callable<Integer> {

    @Unmatched
    List<String> serverArguments = new ArrayList<>();

    /** The Spring Boot application class the commands start; given by the entry point. */
    static Class<?> application = Object.class;

    public static void main(Class<?> applicationClass, String[] args) {
        application = applicationClass;
        int code = commandLine().execute(args);
        if (code != ServeCommand.RUNNING) {
            System.exit(code);
        }
    }

    /** The command line with its error handling; tests run commands through this too. */
    public static CommandLine commandLine() {
        return new CommandLine(new NewplosCommand())
                .setExecutionExceptionHandler(new CommandFailure())
                .setParameterExceptionHandler(UsageErrors::explain)
                .setExecutionStrategy(UsageErrors::refuseStrayArguments)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        return ServeCommand.serve(serverArguments);
    }
}
