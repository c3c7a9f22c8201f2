package org.newplos.csv;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The admin UI's CSV import for any feature: {@code GET <section>/import} shows the form
 * (templates/fragments/import.html), {@code POST} runs the feature's importer on the upload and shows a report
 * per row (422 when nothing was imported); as a full page or, for htmx, the fragment alone. A feature adds
 * its import with a subclass naming the section, its columns, an example and the importer.
 */
public abstract class CsvImportController {

    private final String section;
    private final String title;
    private final String columns;
    private final String example;
    private final CsvUpload.Importer importer;

    protected CsvImportController(
            String section, String title, Collection<String> columns, String example, CsvUpload.Importer importer) {
        this.section = section;
        this.title = title;
        this.columns = String.join(",", columns);
        this.example = example;
        this.importer = importer;
    }

    @GetMapping("/import")
    public String form(@RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        page(model, null);
        return htmx ? "fragments/import :: content" : "fragments/import";
    }

    @PostMapping("/import")
    public String upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model,
            HttpServletResponse response) {
        ImportReport report = CsvUpload.read(file, importer);
        if (!report.ok()) {
            response.setStatus(422);
        }
        page(model, report);
        return htmx ? "fragments/import :: result" : "fragments/import";
    }

    private void page(Model model, @Nullable ImportReport report) {
        model.addAttribute("section", section);
        model.addAttribute("title", title);
        model.addAttribute("action", "/" + section + "/import");
        model.addAttribute("back", "/" + section);
        model.addAttribute("columns", columns);
        model.addAttribute("example", example);
        model.addAttribute("report", report);
    }
}
