package org.newplos.cli;

import java.util.concurrent.Callable;
import org.newplos.users.ApiTokens;
import org.newplos.users.NewApiToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "create-token",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a personal API token for a user and prints it once, alone on standard output.",
            "Only its SHA-256 hash is stored: keep the token now, it cannot be shown again.",
            "Use it as: curl -H \"Authorization: Bearer $TOKEN\" http://host:8080/api/v1/spaces",
            "The token acts with the user's role; revoke it with DELETE /api/v1/me/tokens/{id}.",
            "Example: TOKEN=$(newplos create-token --email ops@example.com --name door-system)"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:token created and printed",
            "1:failed: no such user, bad name, database unreachable",
            "2:invalid usage"
        })
class CreateTokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--email", required = true, description = "Email of the user the token acts for.")
    String email;

    @Option(names = "--name", required = true, description = "What the token is for, e.g. door-system.")
    String name;

    @Override
    public Integer call() {
        return CommandContext.run("create-token", context -> {
            NewApiToken created = context.getBean(ApiTokens.class).create(email, name);
            spec.commandLine().getOut().println(created.value());
            spec.commandLine()
                    .getErr()
                    .println("Created API token " + created.token().id() + " ("
                            + created.token().name() + ") for " + email.strip() + ". It is shown only this once.");
            return 0;
        });
    }
}
