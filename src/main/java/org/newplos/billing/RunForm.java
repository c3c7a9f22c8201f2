package org.newplos.billing;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The billing-run form: which location, billed up to which day (in the location's time zone). */
record RunForm(
        @NotNull(message = "Choose a location") @Nullable Long locationId,

        @NotNull(message = "Choose the day to bill up to") @Nullable
        LocalDate asOf) {}
