package org.newplos.common;

import java.util.List;

/** Input that is well-formed but wrong, with one message per field (HTTP 400). */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInputException(List<FieldError> errors) {
        super(
                errors.isEmpty()
                        ? "Invalid input."
                        : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One problem with one input field, as shown to the caller. */
    public record FieldError(String field, String message) {}
}
