package org.newplos.plans;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.newplos.common.Page;
import org.newplos.common.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Plans", description = "Membership plans and prices (changing them needs ADMIN)")
@RestController
@RequestMapping("/api/v1/plans")
class PlanApiController {

    private final Plans plans;

    PlanApiController(Plans plans) {
        this.plans = plans;
    }

    @Operation(summary = "List plans", description = "Keyset-paginated (after= the last id of the previous page)")
    @GetMapping
    Page<Plan> list(
            @RequestParam(required = false) @Nullable Boolean active,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        return plans.list(active, PageRequest.of(after, limit));
    }

    @Operation(summary = "Get a plan", description = "One plan by id")
    @GetMapping("/{id}")
    Plan get(@PathVariable long id) {
        return plans.get(id);
    }

    @Operation(
            summary = "Create a plan (ADMIN)",
            description = "Answers 201 with the plan (its URL in the Location header); 409 when the name is taken")
    @PostMapping
    ResponseEntity<Plan> create(@Valid @RequestBody PlanRequest request) {
        Plan plan = plans.create(request);
        return ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id())).body(plan);
    }

    @Operation(summary = "Change a plan (ADMIN)", description = "Replaces every field; 409 when the name is taken")
    @PutMapping("/{id}")
    Plan update(@PathVariable long id, @Valid @RequestBody PlanRequest request) {
        return plans.update(id, request);
    }

    @Operation(summary = "Delete a plan (ADMIN)", description = "409 while members are on it")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        plans.delete(id);
        return ResponseEntity.noContent().build();
    }
}
