package org.newplos.billing;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** An empty draft invoice for a member at a location, for one-off charges and discounts. */
@Schema(example = "{\"memberId\": 1, \"locationId\": 1}")
record DraftRequest(@NotNull Long memberId, @NotNull Long locationId) {}
