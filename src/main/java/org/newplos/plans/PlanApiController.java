package org.newplos.plans;

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

    @GetMapping
    Page<Plan> list(
            @RequestParam(required = false) @Nullable Boolean active,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        return plans.list(active, PageRequest.of(after, limit));
    }

    @GetMapping("/{id}")
    Plan get(@PathVariable long id) {
        return plans.get(id);
    }

    @PostMapping
    ResponseEntity<Plan> create(@Valid @RequestBody PlanRequest request) {
        Plan plan = plans.create(request);
        return ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id())).body(plan);
    }

    @PutMapping("/{id}")
    Plan update(@PathVariable long id, @Valid @RequestBody PlanRequest request) {
        return plans.update(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        plans.delete(id);
        return ResponseEntity.noContent().build();
    }
}
