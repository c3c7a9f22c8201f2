package org.newplos.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.newplos.billing.Billing;
import org.newplos.billing.InvoiceRuns;
import org.newplos.billing.RunPreview;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.locations.Location;
import org.newplos.locations.Locations;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "invoice-run",
        mixinStandardHelpOptions = true,
        description = {
            "Bills everything due up to --as-of and not yet billed, as DRAFT invoices (one per member) and draft"
                    + " credit notes (deposit refunds), for one location or, without --location, each location"
                    + " in turn. Re-running adds nothing; a run after missed months catches up.",
            "Prints the preview: counts, and net, VAT and total per VAT rate. --dry-run stores nothing;"
                    + " --issue then numbers and issues the run's drafts, dated the --as-of day.",
            "A run dated on or before a location's lock date, or while another run of the location is in"
                    + " progress, is refused and bills nothing there.",
            "Example: newplos invoice-run --as-of 2027-02-01 --location AMS --dry-run"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:billed (or previewed) every location asked for",
            "1:a run was refused (lock date, run in progress) or the database failed; the message says why",
            "2:invalid usage (--as-of missing, not a date or more than a year ahead), or an unknown location"
        })
class InvoiceRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--as-of",
            required = true,
            paramLabel = "DATE",
            description = "Bill what is due up to this day (YYYY-MM-DD, the location's calendar).")
    LocalDate asOf;

    @Option(
            names = "--location",
            paramLabel = "CODE",
            description = "The location's code, e.g. AMS (default: every location).")
    String location;

    @Option(names = "--dry-run", description = "Show what the run would bill; store nothing.")
    boolean dryRun;

    @Option(names = "--issue", description = "Issue the run's drafts (numbered, dated --as-of) after the run.")
    boolean issue;

    @Override
    public Integer call() {
        if (dryRun && issue) {
            throw new ParameterException(spec.commandLine(), "--dry-run and --issue exclude each other");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return CommandContext.run("invoice-run", context -> {
            List<Location> targets;
            try {
                targets = targets(context.getBean(Locations.class));
            } catch (InvalidInputException e) {
                err.println("newplos invoice-run: " + e.getMessage());
                return 2;
            }
            Instant now = context.getBean(Clock.class).instant();
            for (Location target : targets) {
                try {
                    InvoiceRuns.checkAsOf(target, asOf, now);
                } catch (InvalidInputException e) {
                    err.println(
                            "newplos invoice-run: --as-of " + e.errors().get(0).message());
                    return 2;
                }
            }
            InvoiceRuns runs = context.getBean(InvoiceRuns.class);
            int code = 0;
            for (Location target : targets) {
                try {
                    runOne(context, runs, target, out);
                } catch (ConflictException e) {
                    err.println("newplos invoice-run: " + target.code() + ": " + e.getMessage());
                    code = 1;
                }
            }
            out.flush();
            return code;
        });
    }

    private List<Location> targets(Locations locations) {
        if (location != null) {
            return List.of(locations.byCode(location.strip()));
        }
        List<Location> all = locations.all();
        if (all.isEmpty()) {
            throw new InvalidInputException("location", "there are no locations to bill");
        }
        return all;
    }

    private void runOne(ConfigurableApplicationContext context, InvoiceRuns runs, Location target, PrintWriter out) {
        long started = System.nanoTime();
        RunPreview preview = runs.run(target.id(), asOf, "cli:" + System.getProperty("user.name", "unknown"), dryRun);
        print(preview, out);
        out.printf("  Took %.2f s%n", (System.nanoTime() - started) / 1e9);
        if (issue && preview.invoices() + preview.creditNotes() > 0) {
            started = System.nanoTime();
            int issued = context.getBean(Billing.class).issueRun(preview.runId(), asOf);
            out.printf("Issued %d document%s on %s.%n", issued, issued == 1 ? "" : "s", asOf);
            out.printf("  Took %.2f s%n", (System.nanoTime() - started) / 1e9);
        }
        out.println();
    }

    static void print(RunPreview p, PrintWriter out) {
        out.printf(
                "Invoice run %s as of %s%s%n",
                p.locationCode(),
                p.asOf(),
                p.dryRun() ? " (dry run: nothing was stored)" : " (run " + p.runId() + ", drafts to review)");
        out.printf("  %-14s %6d%n", "Invoices", p.invoices());
        out.printf("  %-14s %6d%n", "Credit notes", p.creditNotes());
        out.printf("  %-14s %6d%n", "Lines", p.lines());
        if (p.vatGroups().isEmpty()) {
            out.println("  Nothing to bill.");
            return;
        }
        String row = "  %-10s %14s %14s %14s%n";
        out.printf(row, "VAT %", "Net " + p.currency(), "VAT " + p.currency(), "Total " + p.currency());
        for (RunPreview.VatGroup g : p.vatGroups()) {
            out.printf(
                    row,
                    g.rate().toPlainString(),
                    g.net().toPlainString(),
                    g.vat().toPlainString(),
                    g.net().add(g.vat()).toPlainString());
        }
        out.printf(
                row,
                "All",
                p.net().toPlainString(),
                p.vat().toPlainString(),
                p.total().toPlainString());
    }
}
