package org.newplos.billing;

import jakarta.validation.constraints.NotNull;

/** An empty draft invoice for a member at a location, for one-off charges and discounts. */
record DraftRequest(@NotNull Long memberId, @NotNull Long locationId) {}
