package org.newplos.common;

/** A record the caller named does not exist (HTTP 404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, long id) {
        super("No " + what + " with id " + id + ".");
    }
}
