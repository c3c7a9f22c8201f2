package org.newplos.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are sent ({@code newplos.webhooks.*}; env {@code NEWPLOS_WEBHOOKS_*}).
 *
 * @param allowPrivateAddresses let endpoints resolve to loopback, private, link-local, unique-local and shared
 *     (CGNAT) addresses; off by default, so that an admin cannot point webhooks at the cloud metadata service or
 *     at services behind the firewall (SSRF). Turn on only when the receivers live on the same private network.
 * @param connectTimeout the longest wait for a connection to an endpoint
 * @param requestTimeout the longest wait for an endpoint's answer, from the request's start
 */
@ConfigurationProperties("newplos.webhooks")
record WebhookSettings(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration requestTimeout) {

    /** The setting's names, for messages that tell an operator how to allow private addresses. */
    static final String ALLOW_PRIVATE =
            "newplos.webhooks.allow-private-addresses=true" + " (env NEWPLOS_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true)";

    WebhookSettings {
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "newplos.webhooks: connect-timeout and request-timeout must be positive");
        }
    }
}
