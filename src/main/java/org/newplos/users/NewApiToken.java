package org.newplos.users;

/** A token just created: the only time its value exists outside the client that keeps it. */
public record NewApiToken(ApiToken token, String value) {}
