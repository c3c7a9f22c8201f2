package org.newplos.billing;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** An invoice run as staff start it: a location by code or id, the day it bills up to, and whether to keep it. */
@Schema(example = "{\"location\": \"AMS\", \"asOf\": \"2027-02-01\", \"dryRun\": true}")
record RunRequest(
        @Nullable @Schema(description = "location code; give this or locationId", example = "AMS")
        String location,

        @Nullable @Schema(description = "location id; give this or location")
        Long locationId,

        @NotNull
        @Schema(description = "bills what is due up to this day (in the location's time zone)", example = "2027-02-01")
        LocalDate asOf,

        @Nullable @Schema(description = "preview only: nothing is stored (default false)")
        Boolean dryRun) {

    boolean preview() {
        return Boolean.TRUE.equals(dryRun);
    }
}
