package org.newplos.cli;

import org.jspecify.annotations.Nullable;
import org.newplos.observability.CommandErrors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A failed command prints one clear line (the root cause's message), not a stack trace, and exits 1;
 * with SENTRY_DSN set the failure is also sent to error tracking.
 */
class CommandFailure implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("newplos " + commandLine.getCommandName() + ": " + explain(e));
        CommandErrors.report(commandLine.getCommandName(), e);
        if (Boolean.getBoolean("newplos.debug")) {
            e.printStackTrace(commandLine.getErr());
        }
        return 1;
    }

    static String explain(Throwable e) {
        Throwable deepest = e;
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            deepest = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return oneLine(message == null ? deepest.getClass().getSimpleName() : message);
    }

    private static String oneLine(@Nullable String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
