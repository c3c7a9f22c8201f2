package org.newplos.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/** Adds the request id to what Boot's error pages (templates/error/page.html) and error JSON show. */
@Component
class ErrorPageAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object id = request.getAttribute(RequestIdFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (id == null && request instanceof ServletWebRequest servlet) {
            id = RequestIdFilter.of(servlet.getRequest());
        }
        attributes.put("requestId", id == null ? "unknown" : id);
        return attributes;
    }

    static String requestId(HttpServletRequest request) {
        return RequestIdFilter.of(request);
    }
}
