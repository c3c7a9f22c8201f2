package org.newplos.users;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The form to add a staff account. */
record NewUser(
        @NotBlank @Email @Size(max = 254) String email,
        @Nullable @Size(max = 200) String displayName,
        @NotNull Role role,

        @NotBlank @Size(min = Users.MIN_PASSWORD_LENGTH, max = 200, message = "must be at least 12 characters long")
        String password) {}
