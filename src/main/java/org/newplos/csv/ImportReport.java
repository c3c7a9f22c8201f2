package org.newplos.csv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outcome of a CSV import: how many data rows were read, the problems found (line by line), and how
 * many rows were written. Nothing is written unless every row is valid.
 */
public record ImportReport(int rows, List<RowError> errors, int imported) {

    /** One problem in one row of the file; {@code line} counts the header as line 1. */
    public record RowError(int line, String field, String message) {}

    public boolean ok() {
        return errors.isEmpty();
    }

    public static ImportReport failed(int rows, List<RowError> errors) {
        return new ImportReport(rows, List.copyOf(errors), 0);
    }

    /**
     * The end of every import: with problems, the report of them (by line) and nothing saved; else every row
     * saved in one transaction, rolled back on a {@code dryRun} (the database's own checks still run), or a
     * report of the conflict the database found.
     */
    public static <T> ImportReport saveAll(
            int rows,
            List<RowError> errors,
            List<T> valid,
            boolean dryRun,
            TransactionTemplate transactions,
            Consumer<T> save) {
        if (!errors.isEmpty()) {
            List<RowError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(RowError::line));
            return failed(rows, sorted);
        }
        try {
            transactions.executeWithoutResult(status -> {
                valid.forEach(save);
                if (dryRun) {
                    status.setRollbackOnly();
                }
            });
        } catch (ConflictException | InvalidInputException e) {
            return failed(rows, List.of(new RowError(0, "file", e.getMessage())));
        }
        return new ImportReport(rows, List.of(), dryRun ? 0 : valid.size());
    }

    public static ImportReport fileProblem(String message) {
        return new ImportReport(0, List.of(new RowError(1, "file", message)), 0);
    }
}
