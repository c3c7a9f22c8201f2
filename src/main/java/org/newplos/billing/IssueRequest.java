package org.newplos.billing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The issue date of invoices about to be numbered; today in the location's time zone when omitted. */
@Schema(example = "{\"issuedOn\": \"2027-02-01\"}")
record IssueRequest(
        @Nullable @Schema(description = "default: today in the location's time zone", example = "2027-02-01")
        LocalDate issuedOn) {}
