package org.newplos.billing;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The billing-run form: which location, billed up to which day (in the location's time zone). */
record RunForm(
        @NotNull(message = "is required") @Nullable Long locationId,

        @NotNull(message = "is required") @Nullable LocalDate asOf) {}
