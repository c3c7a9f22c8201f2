package org.newplos.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors exit 2 with one clear line and the closest command names, never start the server: only
 * {@code --options} (after {@code serve}, or alone) go to Spring; a word that is not a command — a typo like
 * {@code migrat}, or {@code frobnicate --foo} — is refused before anything starts.
 */
final class UsageErrors {

    private UsageErrors() {}

    /** Runs the command asked for, after refusing arguments that would otherwise reach the server. */
    static int refuseStrayArguments(ParseResult parsed) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        Object command = last.commandSpec().userObject();
        List<String> serverArguments = command instanceof NewplosCommand top
                ? top.serverArguments
                : command instanceof ServeCommand serve ? serve.serverArguments : List.of();
        for (String argument : serverArguments) {
            if (!argument.startsWith("--")) {
                throw new UnknownCommand(last.commandSpec().commandLine(), argument, command instanceof NewplosCommand);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** Prints what was wrong, the closest commands for a typo, and where help is; answers exit code 2. */
    static int explain(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("newplos: " + e.getMessage());
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("Did you mean: " + String.join(", ", suggestions) + "?");
            }
        }
        String name = commandLine.getCommandSpec().qualifiedName();
        err.println("Run '" + name + " --help' for the commands and options.");
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** An argument that is neither a command nor an --option for the server. */
    static final class UnknownCommand extends UnmatchedArgumentException {

        private static final long serialVersionUID = 1L;
        private final String message;

        UnknownCommand(CommandLine commandLine, String argument, boolean topLevel) {
            super(commandLine, List.of(argument));
            this.message = topLevel
                    ? "unknown command '" + argument + "'"
                    : "unexpected argument '" + argument
                            + "': only --options go to the server (e.g. --server.port=9090)";
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
