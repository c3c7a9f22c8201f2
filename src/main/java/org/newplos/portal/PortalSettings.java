package org.newplos.portal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The member portal ({@code newplos.portal.*}; env {@code NEWPLOS_PORTAL_*}).
 *
 * @param publicUrl where members reach Newplos ({@code https://members.example.com}): the start of the links
 *     in sign-in emails. Set it in production: without it the link is built from the request's Host header,
 *     which a client chooses.
 * @param linkLifetime how long a sign-in or email-confirmation link works (once)
 * @param window the period the two limits below count over
 * @param linksPerAddress links sent to one member within {@code window}; more requests get the same answer
 *     and no email
 * @param requestsPerClient link requests from one client address within {@code window}, whatever the email
 * @param passwordFailures failed password sign-ins for one member within {@code window} before password
 *     sign-in is paused for them (a link still works)
 * @param passwordFailuresPerClient failed password sign-ins from one client address within {@code window},
 *     whatever the accounts, before that client is paused
 */
@ConfigurationProperties("newplos.portal")
record PortalSettings(
        @Nullable String publicUrl,
        @DefaultValue("15m") Duration linkLifetime,
        @DefaultValue("15m") Duration window,
        @DefaultValue("3") int linksPerAddress,
        @DefaultValue("10") int requestsPerClient,
        @DefaultValue("5") int passwordFailures,
        @DefaultValue("50") int passwordFailuresPerClient) {

    PortalSettings {
        if (linkLifetime.isNegative() || linkLifetime.isZero() || linkLifetime.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("newplos.portal.link-lifetime must be between 1 second and 1 day");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("newplos.portal.window must be positive");
        }
        if (linksPerAddress < 1 || requestsPerClient < 1 || passwordFailures < 1 || passwordFailuresPerClient < 1) {
            throw new IllegalArgumentException(
                    "newplos.portal.links-per-address and requests-per-client must be at least 1");
        }
        if (publicUrl != null && !publicUrl.isBlank() && !publicUrl.matches("(?i)^https?://[^\\s/]+(/[^\\s]*)?$")) {
            throw new IllegalArgumentException(
                    "newplos.portal.public-url (NEWPLOS_PORTAL_PUBLIC_URL) must be like https://members.example.com");
        }
    }
}
