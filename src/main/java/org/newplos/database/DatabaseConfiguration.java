package org.newplos.database;

import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The database settings, bound once, and the Flyway the lifecycle uses, as a bean for readers such as the
 * metrics (Boot's Flyway auto-configuration is off). Creating them opens no connection.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    DatabaseSettings databaseSettings(Environment environment) {
        return DatabaseSettings.from(environment);
    }

    @Bean
    Flyway flyway(DatabaseSettings settings) {
        return new Migrations(settings).flyway();
    }
}
