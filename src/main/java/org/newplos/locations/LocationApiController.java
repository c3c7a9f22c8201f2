package org.newplos.locations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Locations", description = "Sites with their own books: time zone, currency, numbering, VAT, lock date")
@RestController
@RequestMapping("/api/v1/locations")
class LocationApiController {

    private final Locations locations;

    LocationApiController(Locations locations) {
        this.locations = locations;
    }

    @Operation(summary = "List locations", description = "Every location, in the order they were created")
    @GetMapping
    List<Location> list() {
        return locations.all();
    }

    @Operation(summary = "Get a location", description = "One location by id")
    @GetMapping("/{id}")
    Location get(@PathVariable long id) {
        return locations.get(id);
    }

    @Operation(
            summary = "Create a location (ADMIN)",
            description = "Answers 201 with the location; 409 when the code is taken")
    @PostMapping
    ResponseEntity<Location> create(@Valid @RequestBody LocationRequest request) {
        Location created = locations.create(request);
        return ResponseEntity.created(URI.create("/api/v1/locations/" + created.id()))
                .body(created);
    }

    @Operation(
            summary = "Change a location (ADMIN)",
            description = "Also sets the lock date (nothing dated on or before it can be created, changed or"
                    + " credited) and the billing start (service days before it are not billed)")
    @PutMapping("/{id}")
    Location update(@PathVariable long id, @Valid @RequestBody LocationRequest request) {
        return locations.update(id, request);
    }
}
