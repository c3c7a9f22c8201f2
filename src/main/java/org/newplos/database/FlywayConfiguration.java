package org.newplos.database;

import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The Flyway the lifecycle uses, as a bean for readers such as the metrics (Boot's Flyway auto-configuration
 * is off). Creating it opens no connection.
 */
@Configuration(proxyBeanMethods = false)
class FlywayConfiguration {

    @Bean
    Flyway flyway(ConfigurableEnvironment environment) {
        return new Migrations(DatabaseSettings.from(environment)).flyway();
    }
}
