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
        if (onlyServerOptions(args)) {
            // The server's start is the path that must be fast: building the command line (every command's
            // annotations, by reflection) would add to it what only a command needs.
            ServeCommand.serve(List.of(args).subList(args.length > 0 && "serve".equals(args[0]) ? 1 : 0, args.length));
            return;
        }
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

    /**
     * Whether the command line asks for the server with nothing for picocli to check: no arguments, or only
     * {@code --name[=value]} options for Spring, after {@code serve} or alone. Help, version and anything else
     * (a command, a typo, {@code -h}, {@code --}, an {@code @file}) go through the command line as before.
     */
    static boolean onlyServerOptions(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            if (i == 0 && "serve".equals(argument)) {
                continue;
            }
            if (!argument.startsWith("--") || argument.length() == 2 || isHelpOrVersion(argument)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHelpOrVersion(String argument) {
        String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
        return name.equals("--help") || name.equals("--version");
    }

    @Override
    public Integer call() {
        return ServeCommand.serve(serverArguments);
    }
}
