package org.newplos.database;

import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
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

    /** Made when first asked for (the metrics' first scrape): creating it loads Flyway's plugins. */
    @Bean
    @Lazy
    Flyway flyway(DatabaseSettings settings) {
        return new Migrations(settings).flyway();
    }

    /**
     * With embedded PostgreSQL (started in the background), the pool's first connection waits for the server:
     * nothing uses the pool before the lifecycle has connected, but a command might.
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor awaitEmbeddedPostgres(Environment environment) {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof javax.sql.DataSource dataSource
                        && environment.getProperty(
                                DatabaseEnvironmentPostProcessor.EMBEDDED_PROPERTY, Boolean.class, false)) {
                    return new AwaitingDataSource(dataSource);
                }
                return bean;
            }
        };
    }

    /** Waits for embedded PostgreSQL's background start before the first connection. */
    static final class AwaitingDataSource extends org.springframework.jdbc.datasource.DelegatingDataSource {

        AwaitingDataSource(javax.sql.DataSource target) {
            super(target);
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            EmbeddedPostgresServer.awaitStarted();
            return super.getConnection();
        }

        @Override
        public java.sql.Connection getConnection(String username, String password) throws java.sql.SQLException {
            EmbeddedPostgresServer.awaitStarted();
            return super.getConnection(username, password);
        }
    }
}
