package org.newplos.security;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Sessions start short: an anonymous visit (the login page's CSRF token, the page asked for before signing
 * in) keeps its row for {@code newplos.session.anonymous-timeout} (10 minutes) of inactivity, so a flood of
 * anonymous requests cannot fill the sessions table for hours. Signing in raises the session to
 * {@code spring.session.timeout} (8 hours; see {@link LoginHandlers#success}). Spring Session deletes
 * expired rows every minute.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SessionLifetimes {

    /** Runs after Spring Boot's own customizer (which sets spring.session.timeout as the default). */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> anonymousSessionsAreShortLived(
            @Value("${newplos.session.anonymous-timeout:10m}") Duration anonymous) {
        return repository -> repository.setDefaultMaxInactiveInterval(anonymous);
    }
}
