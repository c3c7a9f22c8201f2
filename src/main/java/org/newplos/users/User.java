package org.newplos.users;

import java.time.Instant;

/** A staff account as stored, without its password hash. */
public record User(long id, String email, String displayName, Role role, boolean enabled, Instant createdAt) {}
