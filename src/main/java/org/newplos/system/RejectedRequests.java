package org.newplos.system;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests the security firewall refuses (a ';', encoded '/', '..' or NUL in the path, a bad header):
 * 400 problem+json, like every other bad request, instead of an exception that ends up as a generic error.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class RejectedRequests {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

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
