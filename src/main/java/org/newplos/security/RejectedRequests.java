package org.newplos.security;

import java.util.Map;
import org.newplos.common.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Requests the security firewall refuses (a ';', encoded '/', '..' or NUL in the path, a bad header):
 * 400 problem+json, like every other bad request, instead of an exception that ends up as a generic error.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class RejectedRequests {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    /**
     * Spring Security's strict firewall with its own header rules (assigned, non-control characters; a
     * tab also in values), checked by a loop instead of a regular expression: the firewall checks a
     * header on every read, and request mapping reads some for each candidate handler.
     */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(name -> assignedAndNotControl(name, false));
        firewall.setAllowedHeaderValues(value -> assignedAndNotControl(value, true));
        return firewall;
    }

    static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (Character.getType(codePoint) == Character.UNASSIGNED
                    || (Character.isISOControl(codePoint) && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, e) -> {
            log.info("Request rejected by the firewall: {}", e.getMessage());
            Problems.write(
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "Malformed request",
                            "The URL or a header contains characters that are not allowed (such as ';', '//',"
                                    + " '..', an encoded '/' or NUL)."),
                    Map.of());
        };
    }
}
