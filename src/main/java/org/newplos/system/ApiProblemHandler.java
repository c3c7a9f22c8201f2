package org.newplos.system;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.InvalidInputException.FieldError;
import org.newplos.common.NotFoundException;
import org.newplos.common.Problems;
import org.newplos.common.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every API failure into an RFC 9457 problem document a person can act on: 400 with one message
 * per field, 404, 409 naming what it clashes with, 413, 503 while the database is away. Bad input is
 * never a 500; a 500 is only ever a bug, and is logged as one.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Conflict", e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return invalidInput(e.errors());
    }

    /**
     * Parameters the server cannot decode (bytes that are not UTF-8 in a form body or query string), or
     * that the security firewall refuses when they are read: the client's mistake, so 400.
     */
    @ExceptionHandler({
        org.apache.tomcat.util.http.InvalidParameterException.class,
        org.springframework.security.web.firewall.RequestRejectedException.class
    })
    ProblemDetail undecodableParameters(RuntimeException e) {
        log.info("Malformed request parameters: {}", firstLine(e.getMessage()));
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                "Malformed request",
                "The query string or form parameters could not be decoded; send UTF-8 and valid names.");
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail rejectedByDatabase(DataIntegrityViolationException e) {
        String state = SqlErrors.sqlState(e);
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            // A value the database refused (out of range, bad character, broken rule) that validation let by.
            log.info(
                    "Input rejected by the database (SQLSTATE {}): {}",
                    state,
                    e.getMostSpecificCause().getMessage());
            return Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "Invalid input",
                    "The database refused a value in this request (SQLSTATE " + state + "); check the fields"
                            + " for characters or sizes it cannot store.");
        }
        return unexpected(e);
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
        String state = SqlErrors.sqlState(e);
        if (state != null && state.startsWith("22")) {
            return ResponseEntity.badRequest()
                    .body(Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "Invalid input",
                            "A value in this request is" + " out of range or not storable (SQLSTATE " + state + ")."));
        }
        if (state == null || state.startsWith("08") || state.startsWith("57P")) {
            log.warn("Database unavailable: {}", e.getMostSpecificCause().getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(Problems.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "Database unavailable",
                            "The database is not answering right now; try again in a few seconds."));
        }
        return ResponseEntity.internalServerError().body(unexpected(e));
    }

    /**
     * A transaction that could not begin, commit or roll back (the connection died mid-request): the
     * database went away, so 503 with Retry-After like any other outage; the work was not committed.
     */
    @ExceptionHandler(org.springframework.transaction.TransactionException.class)
    ResponseEntity<ProblemDetail> transactionFailed(org.springframework.transaction.TransactionException e) {
        log.warn(
                "Database unavailable (transaction): {}",
                e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Database unavailable",
                        "The database is not answering right now; try again in a few seconds."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getBindingResult()
                .getFieldErrors()
                .forEach(error ->
                        errors.add(new FieldError(error.getField(), String.valueOf(error.getDefaultMessage()))));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error ->
                        errors.add(new FieldError(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(invalidInput(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(
                        new FieldError(name == null ? "parameter" : name, String.valueOf(error.getDefaultMessage())));
            }
        }
        return ResponseEntity.badRequest().body(invalidInput(errors));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return ResponseEntity.badRequest()
                .body(invalidInput(
                        List.of(new FieldError(name == null ? "parameter" : name, expected(e.getRequiredType())))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = jacksonCause(e);
        if (hasCause(e, RequestBodyLimitFilter.BodyTooLargeException.class)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(RequestBodyLimitFilter.tooLarge());
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            return ResponseEntity.badRequest()
                    .body(invalidInput(List.of(new FieldError(
                            path(u),
                            "is not a known field"
                                    + (u.getKnownPropertyIds() == null ? "" : "; known fields: " + known(u))))));
        }
        if (cause instanceof InvalidFormatException f) {
            return ResponseEntity.badRequest()
                    .body(invalidInput(List.of(new FieldError(path(f), expected(f.getTargetType())))));
        }
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(invalidInput(List.of(new FieldError(path(m), expected(m.getTargetType())))));
        }
        String detail = cause instanceof StreamReadException || cause instanceof JacksonException
                ? "The body is not valid JSON: " + firstLine(cause.getMessage())
                : "The request body is missing or unreadable; send a JSON object.";
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "Malformed request body", detail));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected error",
                "Something went wrong on our side; it has been logged. Please try again or report it.");
    }

    static ProblemDetail invalidInput(List<FieldError> errors) {
        String summary = errors.stream()
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid input", summary);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "must be a date like 2026-01-31";
            case "YearMonth" -> "must be a month like 2026-01";
            case "Long", "long", "Integer", "int" -> "must be a whole number in range";
            case "BigDecimal" -> "must be a number like 120.50";
            case "Boolean", "boolean" -> "must be true or false";
            case "String" -> "must be a string";
            default -> "must be a " + type.getSimpleName();
        };
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String known(UnrecognizedPropertyException e) {
        return e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** The outermost Jackson error in the chain: it knows the JSON path; deeper causes (e.g. a bad date) don't. */
    private static Throwable jacksonCause(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JacksonException) {
                return t;
            }
        }
        return e.getMostSpecificCause();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
