package org.newplos.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.newplos.common.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Failures that happen before any controller is chosen: an unknown address and an upload over the
 * limit. Browsers get an HTML page, the JSON API keeps its problem+json.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BrowserErrorHandler {

    static final String UPLOAD_LIMIT = "10 MB";

    @ExceptionHandler(NoResourceFoundException.class)
    ModelAndView notFound(HttpServletRequest request) {
        if (isApi(request)) {
            return problem(HttpStatus.NOT_FOUND, "Not found", "No such resource: " + request.getRequestURI());
        }
        return ErrorPages.page(
                request, HttpStatus.NOT_FOUND, ErrorPageTexts.NOT_FOUND.title(), ErrorPageTexts.NOT_FOUND.message());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(HttpServletRequest request) {
        String message = "The file is larger than " + UPLOAD_LIMIT
                + ", the most one upload may hold. Split it into smaller files and import them one by one.";
        if (isApi(request)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", message);
        }
        return ErrorPages.page(request, HttpStatus.CONTENT_TOO_LARGE, "File too large", message);
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/");
    }

    private static ModelAndView problem(HttpStatus status, String title, String detail) {
        ModelAndView view = new ModelAndView(
                (model, request, response) -> Problems.write(response, Problems.of(status, title, detail), Map.of()));
        view.setStatus(status);
        return view;
    }
}
