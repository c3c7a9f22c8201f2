package org.newplos.reports;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Monthly recurring revenue on a day: the monthly rates of the leases running that day, plus the
 * monthly share of the plan price of every ACTIVE member (quarterly price / 3, yearly / 12).
 */
public record Revenue(
        LocalDate on, int activeLeases, BigDecimal leases, int payingMembers, BigDecimal plans, BigDecimal total) {}
