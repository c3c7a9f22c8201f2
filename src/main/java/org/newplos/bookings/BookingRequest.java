package org.newplos.bookings;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.LocalTime;

/** A booking of a room on a local day from a local time to a local time (the location's time zone). */
@Schema(
        example =
                "{\"memberId\": 7, \"spaceId\": 12, \"date\": \"2026-12-01\", \"start\": \"10:00\", \"end\": \"12:00\"}")
record BookingRequest(
        @NotNull Long memberId,
        @NotNull Long spaceId,
        @NotNull LocalDate date,
        @Schema(type = "string", example = "10:00") @NotNull LocalTime start,
        @Schema(type = "string", example = "12:00") @NotNull LocalTime end) {}
