package org.newplos.members;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.FormErrors;
import org.newplos.common.InvalidInputException;
import org.newplos.common.PageRequest;
import org.newplos.common.QueryString;
import org.newplos.common.UiController;
import org.newplos.csv.CsvExport;
import org.newplos.plans.Plan;
import org.newplos.plans.Plans;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Members in the admin UI: the searchable list, a member's page, and the forms to add and edit one. */
@UiController
@RequestMapping("/members")
class MemberAdminController {

    static final int PAGE_SIZE = 50;

    private final Members members;
    private final MemberSearch search;
    private final Plans plans;
    private final AuditLog audit;
    private final jakarta.validation.Validator validator;
    private final Clock clock;

    MemberAdminController(
            Members members,
            MemberSearch search,
            Plans plans,
            AuditLog audit,
            jakarta.validation.Validator validator,
            Clock clock) {
        this.search = search;
        this.clock = clock;
        this.validator = validator;
        this.members = members;
        this.plans = plans;
        this.audit = audit;
    }

    /** What the list shows: the query string, kept in links, the export and the browser address. */
    record ListQuery(
            @Nullable String q,
            @Nullable MemberStatus status,
            @Nullable Long planId,
            @Nullable String sort,
            @Nullable String after) {

        MemberFilter filter() {
            return new MemberFilter(q, status, planId, null);
        }

        /** A link to {@code path} with this filter and sort, starting after {@code cursor}. */
        public String link(String path, @Nullable String cursor) {
            return QueryString.of(path)
                    .with("q", q)
                    .with("status", status)
                    .with("planId", planId)
                    .with("sort", sort)
                    .with("after", cursor)
                    .toString();
        }
    }

    @GetMapping
    String list(
            @ModelAttribute("query") ListQuery query,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        MemberFilter filter = query.filter();
        MemberSort sort = MemberSort.of(query.sort());
        if (filter.hasSearch()) {
            model.addAttribute("page", new MemberPage(search.find(filter, PAGE_SIZE), null));
        } else {
            model.addAttribute("page", members.browse(filter, sort, query.after(), PAGE_SIZE));
        }
        model.addAttribute("statuses", MemberStatus.values());
        model.addAttribute("sort", sort.name().toLowerCase(java.util.Locale.ROOT));
        model.addAttribute("plans", planNames());
        return htmx ? "members/list :: results" : "members/list";
    }

    /** The whole filtered list as CSV, in the order shown. */
    @GetMapping("/export.csv")
    void export(@ModelAttribute("query") ListQuery query, HttpServletResponse response) throws IOException {
        Map<Long, String> planNames = new java.util.HashMap<>();
        plans.list(null, new PageRequest(0, PageRequest.MAX_LIMIT))
                .items()
                .forEach(p -> planNames.put(p.id(), p.name()));
        MemberFilter filter = query.filter();
        CsvExport.send(response, "members.csv", MemberCsv.HEADER, row -> {
            if (filter.hasSearch()) {
                search.find(filter, PageRequest.MAX_LIMIT)
                        .forEach(m -> row.accept(MemberCsv.row(m, planNames.get(m.planId()))));
                return;
            }
            MemberSort sort = MemberSort.of(query.sort());
            String cursor = null;
            do {
                MemberPage page = members.browse(filter, sort, cursor, PageRequest.MAX_LIMIT);
                page.items().forEach(m -> row.accept(MemberCsv.row(m, planNames.get(m.planId()))));
                cursor = page.next();
            } while (cursor != null);
        });
    }

    /** Options for a member picker (the lease form): the best matches for what was typed. */
    @GetMapping("/options")
    String options(@RequestParam(name = "memberQuery", required = false) @Nullable String q, Model model) {
        List<Member> found = q == null || q.isBlank()
                ? members.browse(MemberFilter.none(), MemberSort.NEWEST, null, 20)
                        .items()
                : search.find(new MemberFilter(q, null, null, null), 20);
        model.addAttribute("members", found);
        return "members/options";
    }

    @GetMapping("/new")
    String createForm(Model model) {
        return form(
                model, new MemberRequest("", "", null, null, MemberStatus.ACTIVE, null, null, null), null, Map.of());
    }

    @PostMapping
    String create(
            @Valid @ModelAttribute("form") MemberRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        if (binding.hasErrors()) {
            return invalid(model, form, null, FormErrors.of(binding, validator, form), response);
        }
        try {
            return "redirect:/members/" + members.create(form).id() + "?created";
        } catch (ConflictException e) {
            return invalid(model, form, null, Map.of("email", e.getMessage()), response);
        } catch (InvalidInputException e) {
            return invalid(model, form, null, FormErrors.of(e), response);
        }
    }

    @GetMapping("/{id}")
    String show(
            @PathVariable long id, @RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        Member member = members.get(id);
        model.addAttribute("member", member);
        model.addAttribute(
                "plan",
                member.planId() == null ? null : plans.find(member.planId()).orElse(null));
        model.addAttribute("history", audit.forRecord("member", id, 50));
        return htmx ? "members/show :: content" : "members/show";
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        Member m = members.get(id);
        return form(
                model,
                new MemberRequest(
                        m.fullName(),
                        m.email(),
                        m.phone(),
                        m.company(),
                        m.status(),
                        m.planId(),
                        m.joinedOn(),
                        m.notes()),
                id,
                Map.of());
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("form") MemberRequest form,
            BindingResult binding,
            Model model,
            HttpServletResponse response) {
        members.get(id);
        if (binding.hasErrors()) {
            return invalid(model, form, id, FormErrors.of(binding, validator, form), response);
        }
        try {
            members.update(id, form, LocalDate.now(clock));
            return "redirect:/members/" + id + "?saved";
        } catch (ConflictException e) {
            return invalid(model, form, id, Map.of("email", e.getMessage()), response);
        } catch (InvalidInputException e) {
            return invalid(model, form, id, FormErrors.of(e), response);
        }
    }

    private String invalid(
            Model model,
            MemberRequest form,
            @Nullable Long id,
            Map<String, String> errors,
            HttpServletResponse response) {
        response.setStatus(422);
        return form(model, form, id, errors);
    }

    private String form(Model model, MemberRequest form, @Nullable Long id, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("memberId", id);
        model.addAttribute("pageTitle", id == null ? "New member" : "Edit " + form.fullName());
        model.addAttribute("errors", errors);
        model.addAttribute("plans", planNames());
        model.addAttribute("statuses", MemberStatus.values());
        return "members/form";
    }

    private Map<Long, String> planNames() {
        Map<Long, String> names = new java.util.LinkedHashMap<>();
        for (Plan plan :
                plans.list(null, new PageRequest(0, PageRequest.MAX_LIMIT)).items()) {
            names.put(plan.id(), plan.name() + (plan.active() ? "" : " (archived)"));
        }
        return names;
    }
}
