package org.newplos.observability;

import io.sentry.SentryEvent;
import io.sentry.protocol.Request;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The last gate before an error event leaves: removes cookies, authorization and other secret
 * headers, request bodies and anything that looks like a password or token in the query string,
 * whatever the SDK settings are (sendDefaultPii is off as well).
 */
final class SecretScrubber {

    private static final Set<String> SECRET_HEADERS = Set.of(
            "authorization",
            "proxy-authorization",
            "cookie",
            "set-cookie",
            "x-csrf-token",
            "x-xsrf-token",
            "x-api-key",
            "x-auth-token");
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)((?:password|passwd|secret|token|api[_-]?key|_csrf)[^=&]*)=[^&]*");

    private static final Pattern URL_PASSWORD = Pattern.compile("(//[^:/@\\s]+:)[^@\\s]+@");

    private SecretScrubber() {}

    static SentryEvent scrub(SentryEvent event) {
        Request request = event.getRequest();
        if (request != null) {
            request.setCookies(null);
            request.setData(null);
            request.setEnvs(null);
            Map<String, String> headers = request.getHeaders();
            if (headers != null) {
                headers.keySet().removeIf(name -> SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
            }
            request.setQueryString(scrubQuery(request.getQueryString()));
        }
        if (event.getExceptions() != null) {
            event.getExceptions().forEach(exception -> exception.setValue(scrubText(exception.getValue())));
        }
        if (event.getMessage() != null) {
            event.getMessage().setFormatted(scrubText(event.getMessage().getFormatted()));
        }
        event.setUser(null);
        event.setServerName(null);
        return event;
    }

    /** A password inside a URL (postgres://user:secret@host) in an exception message. */
    static @Nullable String scrubText(@Nullable String text) {
        return text == null ? null : URL_PASSWORD.matcher(text).replaceAll("$1[removed]@");
    }

    static @Nullable String scrubQuery(@Nullable String query) {
        return query == null ? null : SECRET_PARAMETER.matcher(query).replaceAll("$1=[removed]");
    }
}
