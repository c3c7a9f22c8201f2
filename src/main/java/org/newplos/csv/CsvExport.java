package org.newplos.csv;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;

/**
 * A list page's "Export CSV": the download headers, the header row, then the rows (formula-guarded by
 * {@link Csv#write}), written as they are read so a long list never sits in memory.
 */
public final class CsvExport {

    private CsvExport() {}

    /** Sends {@code filename} as a CSV download: {@code header}, then whatever {@code rows} adds. */
    public static void send(
            HttpServletResponse response, String filename, List<String> header, Consumer<Consumer<List<?>>> rows)
            throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        Csv.write(out, header);
        rows.accept(row -> Csv.write(out, row));
        out.flush();
    }

    /**
     * Every item of a keyset-paginated list, page after page: {@code page} is given the last item of the page
     * before (null for the first page) and returns the next page.
     */
    public static <T> void eachItem(Function<@Nullable T, Page<T>> page, Consumer<T> each) {
        Page<T> current = page.apply(null);
        while (true) {
            current.items().forEach(each);
            if (current.nextAfter() == null || current.items().isEmpty()) {
                return;
            }
            current = page.apply(current.items().get(current.items().size() - 1));
        }
    }
}
