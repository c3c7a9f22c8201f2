package org.newplos.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, quoted with double quotes when they hold a comma, quote or
 * line break. Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
 * return) are prefixed with an apostrophe on export, and the apostrophe is taken off again on import.
 */
public final class Csv {

    private Csv() {}

    /** Reads every record; a record is a list of fields. Blank lines are skipped. */
    public static List<List<String>> read(Reader reader) throws IOException {
        Reader in = reader.markSupported() ? reader : new java.io.BufferedReader(reader);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int c;
        while ((c = in.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                endRecord(records, record, field, fieldStarted);
                record = new ArrayList<>();
                fieldStarted = false;
            } else {
                field.append(ch);
                fieldStarted = true;
            }
        }
        endRecord(records, record, field, fieldStarted);
        return records;
    }

    private static void endRecord(
            List<List<String>> records, List<String> record, StringBuilder field, boolean fieldStarted) {
        if (fieldStarted || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        field.setLength(0);
    }

    /**
     * A cell as it was before {@link #escape} guarded it: the apostrophe in front of a formula character is
     * removed, so exporting and importing again gives back the same value (and never piles up apostrophes).
     */
    public static String unguard(String cell) {
        return isGuarded(cell) ? cell.substring(1) : cell;
    }

    private static boolean isGuarded(String text) {
        return text.length() > 1
                && text.charAt(0) == '\''
                && (isFormulaStart(text.charAt(1)) || isGuarded(text.substring(1)));
    }

    private static boolean isFormulaStart(char c) {
        return FORMULA_STARTS.indexOf(c) >= 0;
    }

    /** Writes one record and a CRLF line end. */
    public static void write(Writer out, List<?> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(escape(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a spreadsheet may take for the start of a formula (tab and carriage return too, per OWASP). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    static String escape(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty() && (isFormulaStart(text.charAt(0)) || isGuarded(text)) && !text.matches("-?[0-9.]+")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
