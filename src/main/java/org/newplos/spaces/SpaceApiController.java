package org.newplos.spaces;

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

@Tag(name = "Spaces", description = "Desks, offices, studios and lockers that can be leased")
@RestController
@RequestMapping("/api/v1/spaces")
class SpaceApiController {

    private final Spaces spaces;

    SpaceApiController(Spaces spaces) {
        this.spaces = spaces;
    }

    @Operation(
            summary = "List spaces",
            description = "Filters by type and status; keyset-paginated (after= the last id of the previous page)")
    @GetMapping
    Page<Space> list(
            @RequestParam(required = false) @Nullable SpaceType type,
            @RequestParam(required = false) @Nullable Boolean active,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        return spaces.list(type, active, PageRequest.of(after, limit));
    }

    @Operation(summary = "Get a space", description = "One space by id")
    @GetMapping("/{id}")
    Space get(@PathVariable long id) {
        return spaces.get(id);
    }

    @Operation(
            summary = "Create a space (STAFF)",
            description = "Answers 201 with the space (its URL in the Location header); 409 when the code is taken")
    @PostMapping
    ResponseEntity<Space> create(@Valid @RequestBody SpaceRequest request) {
        Space space = spaces.create(request);
        return ResponseEntity.created(URI.create("/api/v1/spaces/" + space.id()))
                .body(space);
    }

    @Operation(summary = "Change a space (STAFF)", description = "Replaces every field; 409 when the code is taken")
    @PutMapping("/{id}")
    Space update(@PathVariable long id, @Valid @RequestBody SpaceRequest request) {
        return spaces.update(id, request);
    }

    @Operation(
            summary = "Delete a space (STAFF)",
            description = "409 while any lease refers to it (archive it instead)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        spaces.delete(id);
        return ResponseEntity.noContent().build();
    }
}
