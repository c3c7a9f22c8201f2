package org.newplos.leases;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** Ends a lease: {@code on} is the first day the space is no longer let to the member. */
@Schema(example = "{\"on\": \"2027-06-01\"}")
record EndLeaseRequest(@NotNull LocalDate on) {}
