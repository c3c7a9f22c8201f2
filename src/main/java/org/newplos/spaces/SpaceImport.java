package org.newplos.spaces;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.newplos.common.InvalidInputException;
import org.newplos.csv.Csv;
import org.newplos.csv.CsvTable;
import org.newplos.csv.ImportReport;
import org.newplos.csv.ImportReport.RowError;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports spaces from CSV: every row is checked first (fields, codes unique within the file and against
 * the database); only if all rows are valid are they written, in one transaction, each audited. The
 * admin UI's upload and {@code newplos import spaces} both use it.
 */
@Component
public class SpaceImport {

    static final Set<String> REQUIRED = Set.of("code", "name", "type", "monthly_rate");
    static final Set<String> KNOWN =
            new LinkedHashSet<>(List.of("code", "name", "type", "capacity", "monthly_rate", "location", "active"));

    private final Spaces spaces;
    private final Validator validator;
    private final TransactionTemplate transactions;

    SpaceImport(Spaces spaces, Validator validator, TransactionTemplate transactions) {
        this.spaces = spaces;
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
        List<RowError> errors = new ArrayList<>();
        List<SpaceRequest> requests = new ArrayList<>();
        Map<String, Integer> firstLineOfCode = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            int line = CsvTable.line(i);
            SpaceRequest request = toRequest(table, i, line, errors);
            for (ConstraintViolation<SpaceRequest> v : validator.validate(request)) {
                errors.add(new RowError(line, column(v.getPropertyPath().toString()), v.getMessage()));
            }
            if (!request.code().isBlank()) {
                Integer first = firstLineOfCode.putIfAbsent(request.code(), line);
                if (first != null) {
                    errors.add(new RowError(line, "code", "repeats " + request.code() + " from line " + first));
                }
            }
            requests.add(request);
        }
        for (String code : spaces.existingCodes(firstLineOfCode.keySet())) {
            errors.add(new RowError(firstLineOfCode.get(code), "code", code + " is already used by a space"));
        }
        return ImportReport.saveAll(table.size(), errors, requests, dryRun, transactions, spaces::create);
    }

    private static SpaceRequest toRequest(CsvTable table, int i, int line, List<RowError> errors) {
        SpaceType type = null;
        String typeText = table.get(i, "type");
        if (typeText != null) {
            try {
                type = SpaceType.valueOf(typeText.toUpperCase(Locale.ROOT).replace(' ', '_'));
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(
                        line, "type", "must be one of " + List.of(SpaceType.values()) + ", not " + typeText));
            }
        }
        Integer capacity = null;
        String capacityText = table.get(i, "capacity");
        if (capacityText != null) {
            try {
                capacity = Integer.valueOf(capacityText);
            } catch (NumberFormatException e) {
                errors.add(new RowError(line, "capacity", "must be a whole number, not " + capacityText));
            }
        }
        BigDecimal rate = null;
        String rateText = table.get(i, "monthly_rate");
        if (rateText != null) {
            try {
                rate = new BigDecimal(rateText);
            } catch (NumberFormatException e) {
                errors.add(new RowError(line, "monthly_rate", "must be a number like 120.50, not " + rateText));
            }
        }
        Boolean active = null;
        String activeText = table.get(i, "active");
        if (activeText != null) {
            switch (activeText.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> active = true;
                case "false", "no", "0" -> active = false;
                default -> errors.add(new RowError(line, "active", "must be true or false, not " + activeText));
            }
        }
        String code = table.get(i, "code");
        String name = table.get(i, "name");
        SpaceRequest request = new SpaceRequest(
                code == null ? "" : code,
                name == null ? "" : name,
                type,
                capacity,
                rate,
                table.get(i, "location"),
                active,
                null,
                null);
        if (type == null && typeText != null || rate == null && rateText != null) {
            // Already reported as a parse error; skip Bean Validation's "must not be null" for the same field.
            return new SpaceRequest(
                    request.code(),
                    request.name(),
                    type == null ? SpaceType.DESK : type,
                    capacity,
                    rate == null ? BigDecimal.ZERO : rate,
                    request.location(),
                    active,
                    null,
                    null);
        }
        return request;
    }

    private static String column(String property) {
        return "monthlyRate".equals(property) ? "monthly_rate" : property;
    }
}
