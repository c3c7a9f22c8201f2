package org.newplos.leases;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A lease's monthly rate for the days {@code [from, to)} (open-ended without {@code to}). */
record LeaseRate(
        long id, long leaseId, LocalDate from, @Nullable LocalDate to, BigDecimal monthlyRate) {}
