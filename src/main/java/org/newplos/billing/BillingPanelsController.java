package org.newplos.billing;

import java.time.Clock;
import java.time.LocalDate;
import org.newplos.common.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The billing panels of the member page and the dashboard, loaded by htmx into those pages: billing knows
 * members and locations, so neither members nor reports need to know billing.
 */
@UiController
class BillingPanelsController {

    private final Invoices invoices;
    private final Receivables receivables;
    private final Clock clock;

    BillingPanelsController(Invoices invoices, Receivables receivables, Clock clock) {
        this.invoices = invoices;
        this.receivables = receivables;
        this.clock = clock;
    }

    /** A member's balance per location: invoiced, paid, credited, owed and overdue. */
    @GetMapping("/members/{id}/balance")
    String memberBalance(@PathVariable long id, Model model) {
        model.addAttribute("balances", invoices.balances(id, LocalDate.now(clock)));
        model.addAttribute("memberId", id);
        return "billing/panels :: member-balance";
    }

    /** Invoiced this month (net of credit notes) and overdue, per location, each in its own time zone. */
    @GetMapping("/invoices/summary")
    String dashboard(Model model) {
        model.addAttribute("figures", receivables.figures(clock.instant()));
        return "billing/panels :: dashboard";
    }
}
