package org.newplos.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** "Today" for reports and expiring leases; one bean so tests and future time zones have one place. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
