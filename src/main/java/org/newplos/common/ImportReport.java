package org.newplos.common;

import java.util.List;

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

    public static ImportReport fileProblem(String message) {
        return new ImportReport(0, List.of(new RowError(1, "file", message)), 0);
    }
}
