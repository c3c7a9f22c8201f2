package org.newplos.members;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** What a caller sends to create or replace a member. */
@Schema(
        example =
                "{\"fullName\": \"Ada Lovelace\", \"email\": \"ada@example.com\", \"phone\": \"+31 20 123 4567\", \"company\": \"Analytical Engines\", \"status\": \"ACTIVE\", \"planId\": 1, \"joinedOn\": \"2026-11-01\", \"notes\": \"Prefers the quiet room\"}")
public record MemberRequest(
        @NotBlank @Size(max = 200) String fullName,
        @NotBlank @Email @Size(max = 254) String email,
        @Nullable @Size(max = 50) String phone,
        @Nullable @Size(max = 200) String company,
        @Nullable MemberStatus status,
        @Nullable @Positive Long planId,
        @Nullable @PastOrPresent LocalDate joinedOn,
        @Nullable @Size(max = 5000) String notes) {

    public MemberStatus statusOrDefault() {
        return status == null ? MemberStatus.ACTIVE : status;
    }

    public LocalDate joinedOnOrToday() {
        return joinedOn == null ? LocalDate.now() : joinedOn;
    }
}
