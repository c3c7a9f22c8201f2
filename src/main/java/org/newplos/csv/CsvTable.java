package org.newplos.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;

/** A parsed CSV file with a header row: data rows read by column name, header checked against the known columns. */
public final class CsvTable {

    private final Map<String, Integer> columns = new HashMap<>();
    private final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().toLowerCase(Locale.ROOT).replace("\uFEFF", ""), i);
        }
        this.rows = rows;
    }

    /** Reads the records; problems with the header itself are thrown as {@link InvalidInputException}. */
    public static CsvTable of(List<List<String>> records, Set<String> required, Set<String> known) {
        if (records.isEmpty()) {
            throw new InvalidInputException("file", "is empty; the first line must name the columns");
        }
        CsvTable table = new CsvTable(records.get(0), records.subList(1, records.size()));
        List<String> missing = new ArrayList<>();
        for (String column : required) {
            if (!table.columns.containsKey(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(
                    "file",
                    "has no column " + String.join(", ", missing) + "; the columns are " + String.join(",", known));
        }
        return table;
    }

    public int size() {
        return rows.size();
    }

    /**
     * The trimmed value of a column in data row {@code index}, null when empty or absent; a formula guard
     * added by our own export ({@link Csv#unguard}) is taken off.
     */
    public @Nullable String get(int index, String column) {
        Integer i = columns.get(column);
        List<String> row = rows.get(index);
        if (i == null || i >= row.size()) {
            return null;
        }
        String value = Csv.unguard(row.get(i).strip()).strip();
        return value.isEmpty() ? null : value;
    }

    /** The line number of data row {@code index} in the file (the header is line 1; quoted line breaks aside). */
    public static int line(int index) {
        return index + 2;
    }
}
