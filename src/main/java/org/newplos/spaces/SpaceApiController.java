package org.newplos.spaces;

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

    @GetMapping
    Page<Space> list(
            @RequestParam(required = false) @Nullable SpaceType type,
            @RequestParam(required = false) @Nullable Boolean active,
            @RequestParam(required = false) @Nullable Long after,
            @RequestParam(required = false) @Nullable Integer limit) {
        return spaces.list(type, active, PageRequest.of(after, limit));
    }

    @GetMapping("/{id}")
    Space get(@PathVariable long id) {
        return spaces.get(id);
    }

    @PostMapping
    ResponseEntity<Space> create(@Valid @RequestBody SpaceRequest request) {
        Space space = spaces.create(request);
        return ResponseEntity.created(URI.create("/api/v1/spaces/" + space.id()))
                .body(space);
    }

    @PutMapping("/{id}")
    Space update(@PathVariable long id, @Valid @RequestBody SpaceRequest request) {
        return spaces.update(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        spaces.delete(id);
        return ResponseEntity.noContent().build();
    }
}
