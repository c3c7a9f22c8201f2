package org.newplos.members;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;
import org.newplos.common.PageRequest;
import org.newplos.csv.Csv;
import org.newplos.csv.CsvTable;
import org.newplos.csv.ImportReport;
import org.newplos.csv.ImportReport.RowError;
import org.newplos.plans.Plans;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports members from CSV: every row is checked first (fields, plan names, emails unique ignoring case
 * within the file and against the database); only if all rows are valid are they written, in one
 * transaction, each with its audit row. The admin UI's upload and {@code newplos import members} both
 * use it.
 */
@Component
public class MemberImport {

    static final Set<String> REQUIRED = Set.of("full_name", "email");
    static final Set<String> KNOWN = new LinkedHashSet<>(
            List.of("full_name", "email", "phone", "company", "status", "plan", "joined_on", "notes"));

    private final Members members;
    private final Plans plans;
    private final Validator validator;
    private final TransactionTemplate transactions;

    MemberImport(Members members, Plans plans, Validator validator, TransactionTemplate transactions) {
        this.members = members;
        this.plans = plans;
        this.validator = validator;
        this.transactions = transactions;
    }

    ImportReport run(Reader csv) throws IOException {
        return run(csv, false);
    }

    /**
     * Checks every row, then writes them all in one transaction; with {@code dryRun} that transaction is
     * rolled back, so the database's own checks run too but nothing is kept (imported is then 0).
     */
    public ImportReport run(Reader csv, boolean dryRun) throws IOException {
        CsvTable table;
        try {
            table = CsvTable.of(Csv.read(csv), REQUIRED, KNOWN);
        } catch (InvalidInputException e) {
            return ImportReport.fileProblem("The file " + e.errors().get(0).message());
        }
        Map<String, Long> planIds = new HashMap<>();
        plans.list(null, new PageRequest(0, PageRequest.MAX_LIMIT))
                .items()
                .forEach(p -> planIds.put(p.name().toLowerCase(Locale.ROOT), p.id()));

        List<RowError> errors = new ArrayList<>();
        List<MemberRequest> requests = new ArrayList<>();
        Map<String, Integer> firstLineOfEmail = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            int line = CsvTable.line(i);
            MemberRequest request = toRequest(table, i, line, planIds, errors);
            for (ConstraintViolation<MemberRequest> v : validator.validate(request)) {
                errors.add(new RowError(line, column(v.getPropertyPath().toString()), v.getMessage()));
            }
            if (request.email() != null) {
                String key = request.email().strip().toLowerCase(Locale.ROOT);
                Integer first = firstLineOfEmail.putIfAbsent(key, line);
                if (first != null) {
                    errors.add(new RowError(line, "email", "repeats " + request.email() + " from line " + first));
                }
            }
            requests.add(request);
        }
        Set<String> taken = members.existingEmails(firstLineOfEmail.keySet());
        for (var entry : firstLineOfEmail.entrySet()) {
            if (taken.contains(entry.getKey())) {
                errors.add(new RowError(entry.getValue(), "email", entry.getKey() + " already belongs to a member"));
            }
        }
        return ImportReport.saveAll(table.size(), errors, requests, dryRun, transactions, members::create);
    }

    private static MemberRequest toRequest(
            CsvTable table, int i, int line, Map<String, Long> planIds, List<RowError> errors) {
        MemberStatus status = null;
        String statusText = table.get(i, "status");
        if (statusText != null) {
            try {
                status = MemberStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(line, "status", "must be ACTIVE, PAUSED or LEFT, not " + statusText));
            }
        }
        Long planId = null;
        String plan = table.get(i, "plan");
        if (plan != null) {
            planId = planIds.get(plan.toLowerCase(Locale.ROOT));
            if (planId == null) {
                errors.add(new RowError(line, "plan", "no plan named " + plan));
            }
        }
        LocalDate joined = null;
        String joinedText = table.get(i, "joined_on");
        if (joinedText != null) {
            try {
                joined = LocalDate.parse(joinedText);
            } catch (DateTimeParseException e) {
                errors.add(new RowError(line, "joined_on", "must be a date like 2026-01-31, not " + joinedText));
            }
        }
        MemberRequest request = new MemberRequest(
                nullToEmpty(table.get(i, "full_name")),
                nullToEmpty(table.get(i, "email")),
                table.get(i, "phone"),
                table.get(i, "company"),
                status,
                planId,
                joined,
                table.get(i, "notes"));
        return request;
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static String column(String property) {
        return switch (property) {
            case "fullName" -> "full_name";
            case "joinedOn" -> "joined_on";
            case "planId" -> "plan";
            default -> property;
        };
    }
}
