package org.newplos.common;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/** Turns a form's binding and validation errors into one message per field, worded for people. */
public final class FormErrors {

    private FormErrors() {}

    public static Map<String, String> of(BindingResult result) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : result.getFieldErrors()) {
            String message = "typeMismatch".equals(error.getCode())
                    ? "is not a valid value"
                    : String.valueOf(error.getDefaultMessage());
            errors.putIfAbsent(error.getField(), message);
        }
        for (ObjectError error : result.getGlobalErrors()) {
            errors.putIfAbsent("form", String.valueOf(error.getDefaultMessage()));
        }
        return errors;
    }

    /**
     * Binding errors plus every Bean Validation failure of the bound form: when a value could not even
     * be converted (a date like "yesterday"), Spring skips validation, yet the user should see all problems
     * at once.
     */
    public static Map<String, String> of(BindingResult result, jakarta.validation.Validator validator, Object form) {
        Map<String, String> errors = of(result);
        for (var violation : validator.validate(form)) {
            errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
        }
        return errors;
    }

    /** The errors of a domain rule the database or a repository enforced (duplicate email, unknown plan). */
    public static Map<String, String> of(InvalidInputException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.errors().forEach(error -> errors.putIfAbsent(error.field(), error.message()));
        return errors;
    }
}
