package org.newplos.users;

/** Who a valid bearer token acts for, with the role it acts with (the user's current role). */
public record TokenOwner(String email, Role role) {}
