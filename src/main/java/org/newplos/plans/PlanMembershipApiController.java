package org.newplos.plans;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Plan memberships", description = "Which plan a member is on, when: what plan billing charges")
@RestController
@RequestMapping("/api/v1/plan-memberships")
class PlanMembershipApiController {

    /** The first day off the plan. */
    @Schema(example = "{\"on\": \"2027-06-01\"}")
    record EndMembership(@NotNull LocalDate on) {}

    private final PlanMemberships memberships;

    PlanMembershipApiController(PlanMemberships memberships) {
        this.memberships = memberships;
    }

    @Operation(
            summary = "A member's plan memberships, latest first",
            description = "Every membership of the member, the current one included")
    @GetMapping
    List<PlanMembership> list(@RequestParam long memberId) {
        return memberships.forMember(memberId);
    }

    @Operation(summary = "Get a plan membership", description = "One plan membership by id")
    @GetMapping("/{id}")
    PlanMembership get(@PathVariable long id) {
        return memberships.get(id);
    }

    @Operation(
            summary = "Put a member on a plan from a day",
            description = "A membership open on that day ends then (a plan change, billed like a rate change)")
    @PostMapping
    ResponseEntity<PlanMembership> start(@Valid @RequestBody PlanMembershipRequest request) {
        PlanMembership created = memberships.start(request);
        return ResponseEntity.created(URI.create("/api/v1/plan-memberships/" + created.id()))
                .body(created);
    }

    @Operation(summary = "End a plan membership", description = "'on' is the first day off the plan")
    @PostMapping("/{id}/end")
    PlanMembership end(@PathVariable long id, @Valid @RequestBody EndMembership request) {
        return memberships.end(id, request.on());
    }
}
