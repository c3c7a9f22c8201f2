package org.newplos.cli;

import io.micrometer.observation.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.newplos.csv.CsvUpload;
import org.newplos.csv.ImportReport;
import org.newplos.members.MemberImport;
import org.newplos.spaces.SpaceImport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Imports members or spaces from a CSV file with the admin UI's import rules: UTF-8, comma-separated,"
                    + " the first line names the columns. Every row is checked first; nothing is saved unless all"
                    + " rows are valid, and then they are saved together in one transaction (each audited).",
            "Problems are printed on standard error, one per line: FILE:LINE: column: problem (the header is"
                    + " line 1).",
            "members columns: full_name, email (required), phone, company, status (ACTIVE, PAUSED or LEFT),"
                    + " plan (a plan's name), joined_on (2026-01-31), notes.",
            "spaces columns: code, name, type, monthly_rate (required), capacity, location, active (true or"
                    + " false).",
            "Example: newplos import members --dry-run members-from-the-old-system.csv"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every row imported (with --dry-run: every row valid, nothing saved)",
            "1:nothing imported: the problems are listed (or the database failed, the message says why)",
            "2:invalid usage: KIND is not members or spaces, FILE does not exist or cannot be read"
        })
class ImportCommand implements Callable<Integer> {

    enum Kind {
        MEMBERS,
        SPACES
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "members or spaces.")
    Kind kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Option(
            names = "--dry-run",
            description = "Check every row, the database's own checks included, then roll back: nothing is saved.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(
                    spec.commandLine(), "FILE " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        if (!Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "FILE " + file + " cannot be read (permissions)");
        }
        String what = kind.name().toLowerCase(Locale.ROOT);
        return CommandContext.run("import " + what, context -> {
            ImportReport report;
            try (InputStream bytes = Files.newInputStream(file)) {
                report = CsvUpload.read(bytes, csv -> switch (kind) {
                    case MEMBERS -> context.getBean(MemberImport.class).run(csv, dryRun);
                    case SPACES -> context.getBean(SpaceImport.class).run(csv, dryRun);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
            }
            describe(context, report);
            return print(report, what);
        });
    }

    private int print(ImportReport report, String what) {
        if (!report.ok()) {
            PrintWriter err = spec.commandLine().getErr();
            for (ImportReport.RowError error : report.errors()) {
                err.println(file + (error.line() > 0 ? ":" + error.line() : "") + ": " + error.field() + ": "
                        + error.message());
            }
            err.println(
                    report.rows() == 0
                            ? "Nothing was imported."
                            : "Nothing was imported: " + report.errors().size() + " problem(s) in " + report.rows()
                                    + " rows. Fix them and run the command again.");
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.println("All " + report.rows() + " rows of " + file + " are valid; nothing was saved (--dry-run).");
        } else {
            out.println("Imported " + report.imported() + " " + what + " from " + file + ".");
        }
        return 0;
    }

    /** The outcome on the command's span. */
    private void describe(ConfigurableApplicationContext context, ImportReport report) {
        Observation span = CommandContext.observations(context).getCurrentObservation();
        if (span != null) {
            span.highCardinalityKeyValue("newplos.import.rows", String.valueOf(report.rows()))
                    .highCardinalityKeyValue(
                            "newplos.import.problems",
                            String.valueOf(report.errors().size()))
                    .highCardinalityKeyValue("newplos.import.imported", String.valueOf(report.imported()))
                    .lowCardinalityKeyValue("newplos.import.dry_run", String.valueOf(dryRun));
        }
    }
}
