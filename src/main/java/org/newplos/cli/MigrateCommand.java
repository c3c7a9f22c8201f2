package org.newplos.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.newplos.database.DatabaseSettings;
import org.newplos.database.Migrations;
import org.newplos.database.Provisioning;
import org.springframework.core.env.ConfigurableEnvironment;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Creates the database and its extensions if missing (unless NEWPLOS_PROVISION_DATABASE=false), then"
                    + " applies pending migrations and prints what it applied.",
            "--check changes nothing and lists what is pending, failed or edited (for CI and deploy gates).",
            "--info prints the migration history as a table."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:migrated (or, with --check, nothing pending, failed or mismatched)",
            "1:failed (the message says why and how to fix it); with --check: something pending, failed"
                    + " or mismatched",
            "2:invalid usage"
        })
class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static class Mode {
        @Option(names = "--check", description = "Change nothing; exit 1 if anything is pending, failed or mismatched.")
        boolean check;

        @Option(names = "--info", description = "Print the migration history as a table; change nothing.")
        boolean info;
    }

    @Option(
            names = {"-D", "--set"},
            paramLabel = "key=value",
            description = "Set a configuration property, e.g. -D spring.datasource.url=jdbc:postgresql://h/db")
    Map<String, String> properties = new HashMap<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (mode.check || mode.info) {
            // Read-only, and what deploy scripts run: with a database configured (DATABASE_URL or
            // spring.datasource.url) it needs only the configuration, not the application (as doctor).
            ConfigurableEnvironment environment = CliEnvironment.load(properties);
            if (CliEnvironment.databaseConfigured(environment)) {
                CliEnvironment.quietLibraries();
                return inspect(DatabaseSettings.from(environment), out, err);
            }
        }
        Map<String, Object> all = new HashMap<>(properties);
        all.put("newplos.database.lifecycle-enabled", "false");
        return CommandContext.run("migrate", all, context -> {
            DatabaseSettings settings = context.getBean(DatabaseSettings.class);
            if (mode.check || mode.info) {
                return inspect(settings, out, err); // the embedded database: started with the application
            }
            out.println("Database " + settings.describe());
            for (String done : new Provisioning(settings).provision()) {
                out.println("Provisioned: " + done);
            }
            Migrations migrations = new Migrations(settings, CommandContext.observations(context));
            List<String> applied = migrations.migrate();
            applied.forEach(m -> out.println("Applied " + m));
            Migrations.MigrationStatus status = migrations.status();
            out.println(
                    applied.isEmpty()
                            ? "Nothing to migrate: " + status.summary() + "."
                            : "Migrated: " + status.summary() + ".");
            return status.upToDate() ? 0 : 1;
        });
    }

    /** --check or --info: changes nothing. */
    private int inspect(DatabaseSettings settings, PrintWriter out, PrintWriter err) {
        out.println("Database " + settings.describe());
        Provisioning provisioning = new Provisioning(settings);
        if (!provisioning.databaseExists()) {
            err.println("Database " + settings.target().database() + " does not exist: all migrations are"
                    + " pending. 'newplos migrate' creates it (if the role may). " + provisioning.adminSql());
            return 1;
        }
        Migrations migrations = new Migrations(settings);
        return mode.info ? info(migrations, out) : check(migrations, out);
    }

    private static int check(Migrations migrations, PrintWriter out) {
        Migrations.MigrationStatus status = migrations.status();
        status.pending().forEach(m -> out.println("PENDING   " + m));
        status.failed().forEach(m -> out.println("FAILED    " + m));
        status.mismatches().forEach(m -> out.println("MISMATCH  " + m));
        out.println(status.summary());
        return status.upToDate() ? 0 : 1;
    }

    private static int info(Migrations migrations, PrintWriter out) {
        String format = "%-8s %-32s %-10s %-20s %s%n";
        out.printf(format, "Version", "Description", "State", "Installed on", "Script");
        for (List<String> row : migrations.history()) {
            String installed = row.get(3).length() > 19 ? row.get(3).substring(0, 19) : row.get(3);
            out.printf(format, row.get(0), row.get(1), row.get(2), installed, row.get(4));
        }
        return 0;
    }
}
