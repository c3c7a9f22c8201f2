package org.newplos.system;

import jakarta.servlet.http.HttpServletRequest;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.UiController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of the admin UI's controllers as friendly HTML pages with the request id. Ordered before the
 * API's problem+json handler, which still answers for the JSON API.
 */
@ControllerAdvice(annotations = UiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UiErrorHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(HttpServletRequest request, NotFoundException e) {
        return ErrorPages.page(request, HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(HttpServletRequest request, ConflictException e) {
        return ErrorPages.page(request, HttpStatus.CONFLICT, "That cannot be done", e.getMessage());
    }

    @ExceptionHandler({
        InvalidInputException.class,
        TypeMismatchException.class,
        ServletRequestBindingException.class,
        org.springframework.web.method.annotation.HandlerMethodValidationException.class,
        org.springframework.validation.BindException.class
    })
    ModelAndView badRequest(HttpServletRequest request, Exception e) {
        String message = e instanceof InvalidInputException invalid
                ? invalid.getMessage()
                : "Part of the address or form could not be read; check the values and try again.";
        return ErrorPages.page(request, HttpStatus.BAD_REQUEST, "Check your input", message);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ModelAndView wrongMethod(HttpServletRequest request) {
        return ErrorPages.page(
                request, HttpStatus.METHOD_NOT_ALLOWED, "Not here", "This page cannot be used that way.");
    }

    /** Left to Spring Security, which sends anonymous users to the login page and others to the 403 page. */
    @ExceptionHandler(AccessDeniedException.class)
    void accessDenied(AccessDeniedException e) {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(HttpServletRequest request, Exception e) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        // Kept for error tracking (observability's ServerErrorReporter): the servlet error attributes that
        // Spring sets for an error view are cleared once the page is rendered.
        request.setAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE, e);
        ErrorPageTexts.Text text = ErrorPageTexts.of(HttpStatus.INTERNAL_SERVER_ERROR);
        return ErrorPages.page(request, HttpStatus.INTERNAL_SERVER_ERROR, text.title(), text.message());
    }
}
