package org.newplos.portal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Privacy requests through the API: a member's data export, and erasure of a member who has left (STAFF). */
@Tag(name = "Members", description = "Members, their plans, and fuzzy search")
@RestController
@RequestMapping("/api/v1/members/{id}")
class PrivacyApiController {

    private final Privacy privacy;

    PrivacyApiController(Privacy privacy) {
        this.privacy = privacy;
    }

    @Operation(
            summary = "Export a member's data (STAFF)",
            description = "Everything Newplos holds about a member, as the member downloads it from the portal:"
                    + " details, plan memberships, leases, invoices with lines, payments, emails sent (without"
                    + " sign-in links), history, sign-ins. 404 when there is no such member.")
    @GetMapping("/export")
    Map<String, Object> export(@PathVariable long id) {
        return privacy.export(id);
    }

    @Operation(
            summary = "Erase a member who has left (STAFF)",
            description = "Anonymises the member's personal fields, removes personal values from the history and"
                    + " the outbox, deletes sign-in links and sessions; invoices keep the name and address they"
                    + " were issued with. 409 when the member has not left or still has a current or future lease.")
    @PostMapping("/erase")
    Erasure erase(@PathVariable long id) {
        return new Erasure(id, privacy.erase(id));
    }

    /** The answer to an erasure. */
    record Erasure(long memberId, Instant erasedAt) {}
}
