package org.newplos.leases;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** Ends a lease: {@code on} is the first day the space is no longer let to the member. */
public record EndLeaseRequest(@NotNull LocalDate on) {}
