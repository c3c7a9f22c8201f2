package org.newplos.members;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A member as stored. */
public record Member(
        long id,
        String fullName,
        String email,
        String phone,
        String company,
        MemberStatus status,
        @Nullable Long planId,
        LocalDate joinedOn,
        String notes,
        Instant createdAt,
        Instant updatedAt) {}
