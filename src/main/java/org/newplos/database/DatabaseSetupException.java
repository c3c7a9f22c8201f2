package org.newplos.database;

/**
 * Provisioning or migrating failed. {@link #isTransient()} tells a server that is away (retry later) from a
 * problem an operator must fix (the message says how).
 */
class DatabaseSetupException extends RuntimeException {

    private final boolean transientFailure;

    DatabaseSetupException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    DatabaseSetupException(String message) {
        super(message);
        this.transientFailure = false;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
