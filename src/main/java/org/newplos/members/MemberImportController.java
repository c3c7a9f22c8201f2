package org.newplos.members;

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

/** Upload members as CSV, with a report per row; nothing is written unless every row is valid. */
@UiController
class MemberImportController {

    private final MemberImport importer;

    MemberImportController(MemberImport importer) {
        this.importer = importer;
    }

    @GetMapping("/members/import")
    String form(@RequestHeader(name = "HX-Request", required = false) boolean htmx, Model model) {
        String page = page(model, null);
        return htmx ? page + " :: content" : page;
    }

    @PostMapping("/members/import")
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
        model.addAttribute("section", "members");
        model.addAttribute("title", "Import members");
        model.addAttribute("action", "/members/import");
        model.addAttribute("back", "/members");
        model.addAttribute("columns", String.join(",", MemberImport.KNOWN));
        model.addAttribute(
                "example",
                "full_name,email,phone,company,status,plan,joined_on,notes\n"
                        + "Ada Lovelace,ada@example.com,+44 20 7946 0000,Analytical Engines,ACTIVE,,2026-01-15,");
        model.addAttribute("report", report);
        return "fragments/import";
    }
}
