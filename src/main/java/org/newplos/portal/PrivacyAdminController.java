package org.newplos.portal;

import org.newplos.common.UiController;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff handle privacy requests from the member's page: download what Newplos holds about a member, erase a
 * member who has left (a confirmed button). Both STAFF.
 */
@UiController
class PrivacyAdminController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Privacy privacy;

    PrivacyAdminController(Privacy privacy) {
        this.privacy = privacy;
    }

    @GetMapping("/members/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable long id) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("member-" + id + ".json")
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(privacy.export(id)));
    }

    @PostMapping("/members/{id}/erase")
    String erase(@PathVariable long id) {
        privacy.erase(id);
        return "redirect:/members/" + id + "?erased";
    }
}
