package org.newplos.leases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.newplos.common.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The lease panels of the member and space pages, loaded by htmx into those pages: leases live in this
 * feature, which already knows members and spaces, so those features need not know leases.
 */
@UiController
class LeasePanelsController {

    private final Leases leases;
    private final Clock clock;

    LeasePanelsController(Leases leases, Clock clock) {
        this.leases = leases;
        this.clock = clock;
    }

    /** One bar of the timeline: where it starts and how wide it is, in percent of the window. */
    record Bar(Lease lease, double left, double width) {}

    @GetMapping("/members/{id}/leases")
    String memberLeases(@PathVariable long id, Model model) {
        model.addAttribute("leases", leases.forMember(id, 200));
        model.addAttribute("memberId", id);
        return "leases/panels :: member-leases";
    }

    @GetMapping("/spaces/{id}/leases")
    String spaceTimeline(@PathVariable long id, Model model) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = today.minusMonths(12).withDayOfMonth(1);
        LocalDate to = today.plusMonths(12).withDayOfMonth(1);
        List<Lease> all = leases.forSpace(id, 200);
        double days = ChronoUnit.DAYS.between(from, to);
        List<Bar> bars = all.stream()
                .filter(l -> l.status() != LeaseStatus.CANCELLED)
                .filter(l ->
                        l.start().isBefore(to) && (l.end() == null || l.end().isAfter(from)))
                .map(l -> {
                    LocalDate s = l.start().isBefore(from) ? from : l.start();
                    LocalDate e = l.end() == null || l.end().isAfter(to) ? to : l.end();
                    return new Bar(
                            l,
                            100 * ChronoUnit.DAYS.between(from, s) / days,
                            Math.max(1.5, 100 * ChronoUnit.DAYS.between(s, e) / days));
                })
                .toList();
        model.addAttribute("leases", all);
        model.addAttribute("bars", bars);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("todayLeft", 100 * ChronoUnit.DAYS.between(from, today) / days);
        model.addAttribute("spaceId", id);
        return "leases/panels :: space-timeline";
    }
}
