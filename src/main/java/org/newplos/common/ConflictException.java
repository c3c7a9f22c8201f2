package org.newplos.common;

import java.util.Map;

/**
 * The request is valid but clashes with what is stored (HTTP 409): a duplicate, an overlapping lease,
 * a record still referenced. {@code properties} are added to the problem document.
 */
public class ConflictException extends RuntimeException {

    private final Map<String, Object> properties;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    public ConflictException(String message, Map<String, Object> properties) {
        super(message);
        this.properties = Map.copyOf(properties);
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
