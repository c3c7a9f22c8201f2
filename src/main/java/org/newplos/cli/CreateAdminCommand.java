package org.newplos.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.newplos.users.Role;
import org.newplos.users.User;
import org.newplos.users.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "create-admin",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a user who can sign in (role ADMIN unless --role says otherwise).",
            "The password is read from standard input (first line) when it is not a terminal,"
                    + " otherwise it is asked for twice. At least 12 characters.",
            "Example: echo \"$ADMIN_PASSWORD\" | newplos create-admin --email ops@example.com"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:user created (or password reset with --reset)",
            "1:failed: user exists without --reset, password too short, database unreachable",
            "2:invalid usage"
        })
class CreateAdminCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--email", required = true, description = "Sign-in email of the user.")
    String email;

    @Option(names = "--name", description = "Display name (default: the part of the email before @).")
    String name;

    @Option(
            names = "--role",
            defaultValue = "ADMIN",
            description = "ADMIN, STAFF or VIEWER (default ${DEFAULT-VALUE}).")
    Role role;

    @Option(
            names = "--reset",
            description = "If the user exists, set this password (and role) instead of failing. Ends the user's"
                    + " sessions and revokes their API tokens (see --keep-tokens).")
    boolean reset;

    @Option(names = "--keep-tokens", description = "With --reset: leave the user's API tokens working.")
    boolean keepTokens;

    @Override
    public Integer call() throws IOException {
        if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new ParameterException(spec.commandLine(), "--email must be an email address, got: " + email);
        }
        String password = readPassword();
        return CommandContext.run("create-admin", context -> {
            Users users = context.getBean(Users.class);
            if (users.findByEmail(email).isPresent()) {
                if (!reset) {
                    spec.commandLine()
                            .getErr()
                            .println("newplos create-admin: a user with email " + email
                                    + " already exists; add --reset to set a new password.");
                    return 1;
                }
                users.resetPassword(email, role, password, !keepTokens);
                spec.commandLine().getOut().println("Password reset for " + email + " (role " + role + ").");
                spec.commandLine()
                        .getOut()
                        .println("Their sessions were ended"
                                + (keepTokens ? "; API tokens kept." : " and API tokens revoked."));
                return 0;
            }
            User user =
                    users.create(email, name == null ? email.substring(0, email.indexOf('@')) : name, role, password);
            spec.commandLine().getOut().println("Created " + user.role() + " user " + user.email() + ".");
            return 0;
        });
    }

    private String readPassword() throws IOException {
        Console console = System.console();
        if (console == null) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no password on standard input");
            }
            return line;
        }
        char[] first = console.readPassword("Password for %s: ", email);
        char[] second = console.readPassword("Repeat the password: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new ParameterException(spec.commandLine(), "the two passwords differ");
        }
        return new String(first);
    }
}
