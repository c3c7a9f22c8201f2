package org.newplos.spaces;

import jakarta.servlet.http.HttpServletResponse;
import org.newplos.common.CsvUpload;
import org.newplos.common.ImportReport;
import org.newplos.common.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Upload spaces as CSV, with a report per row; nothing is written unless every row is valid. */
@UiController
class SpaceImportController {

    private final SpaceImport importer;

    SpaceImportController(SpaceImport importer) {
        this.importer = importer;
    }

    @GetMapping("/spaces/import")
    String form(@RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        String page = page(model, null);
        return htmx ? page + " :: content" : page;
    }

    @PostMapping("/spaces/import")
    String upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model,
            HttpServletResponse response) {
        ImportReport report = CsvUpload.read(file, importer::run);
        if (!report.ok()) {
            response.setStatus(422);
        }
        page(model, report);
        return htmx ? "fragments/import :: result" : "fragments/import";
    }

    private static String page(Model model, ImportReport report) {
        model.addAttribute("section", "spaces");
        model.addAttribute("title", "Import spaces");
        model.addAttribute("action", "/spaces/import");
        model.addAttribute("back", "/spaces");
        model.addAttribute("columns", String.join(",", SpaceImport.KNOWN));
        model.addAttribute(
                "example",
                "code,name,type,capacity,monthly_rate,location,active\n"
                        + "D-12,Window desk,DESK,1,180.00,1st floor,true");
        model.addAttribute("report", report);
        return "fragments/import";
    }
}
