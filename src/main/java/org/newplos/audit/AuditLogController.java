package org.newplos.audit;

import org.jspecify.annotations.Nullable;
import org.newplos.common.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin-wide history: every change to every record, newest first. */
@UiController
class AuditLogController {

    private final AuditLog log;

    AuditLogController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/history")
    String history(
            @RequestParam(required = false) @Nullable String entity,
            @RequestParam(required = false) @Nullable Long before,
            @RequestHeader(name = "HX-Request", required = false) boolean htmx,
            Model model) {
        String kind = entity == null || entity.isBlank() ? null : entity;
        model.addAttribute("entity", kind);
        model.addAttribute("page", log.recent(kind, before, 50));
        return htmx ? "audit/history :: results" : "audit/history";
    }
}
