package org.newplos.observability;

import io.micrometer.tracing.Tracer;
import io.sentry.EventProcessor;
import io.sentry.IScopes;
import io.sentry.SentryOptions;
import io.sentry.spring7.SentryExceptionResolver;
import io.sentry.spring7.tracing.TransactionNameProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.ModelAndView;

/**
 * Sentry, active only when {@code SENTRY_DSN} is set (Sentry's auto-configuration then makes
 * {@link IScopes}). Events never carry passwords, cookies or authorization headers; they name the
 * route and are linked to the trace. Only server errors (5xx) and failed commands are reported: the
 * exception resolver Sentry would add, which reports every exception including 4xx ones, is replaced
 * by one that reports nothing, and {@link ServerErrorReporter} reports what ends as a 5xx.
 */
@Configuration(proxyBeanMethods = false)
class ErrorTrackingConfiguration {

    @Bean
    SentryOptions.BeforeSendCallback scrubSecrets() {
        return (event, hint) -> SecretScrubber.scrub(event);
    }

    @Bean
    EventProcessor traceLink(ObjectProvider<Tracer> tracer) {
        return new TraceLinkEventProcessor(tracer);
    }

    @Bean
    @ConditionalOnProperty(name = "sentry.dsn")
    @ConditionalOnWebApplication
    SentryExceptionResolver sentryExceptionResolver(IScopes scopes, TransactionNameProvider names) {
        return new SentryExceptionResolver(scopes, names, Ordered.LOWEST_PRECEDENCE) {
            @Override
            public @Nullable ModelAndView resolveException(
                    HttpServletRequest request, HttpServletResponse response, @Nullable Object handler, Exception e) {
                return null;
            }
        };
    }

    /** Runs inside the HTTP observation (its filter is at HIGHEST_PRECEDENCE + 1), so the trace is current. */
    @Bean
    @ConditionalOnProperty(name = "sentry.dsn")
    @ConditionalOnWebApplication
    FilterRegistrationBean<ServerErrorReporter> serverErrorReporter(IScopes scopes) {
        FilterRegistrationBean<ServerErrorReporter> registration =
                new FilterRegistrationBean<>(new ServerErrorReporter(scopes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST);
        return registration;
    }
}
