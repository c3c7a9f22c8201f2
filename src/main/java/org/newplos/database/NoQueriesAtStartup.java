package org.newplos.database;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.SQLErrorCodesFactory;
import org.springframework.jdbc.support.lob.DefaultLobHandler;
import org.springframework.session.jdbc.config.annotation.web.http.JdbcHttpSessionConfiguration;

/**
 * The context starts without a single connection: the database may not exist yet ({@link DatabaseLifecycle}
 * creates and migrates it once the web server is up), and every connection attempt during the start would
 * wait for the pool's connection timeout. Spring Session JDBC is the one library that asks the database
 * while its beans are made, twice: for the product name behind its exception translator and to decide
 * whether it needs Oracle's temporary LOBs. The database is always PostgreSQL, so both answers are given
 * here instead.
 */
@Configuration(proxyBeanMethods = false)
class NoQueriesAtStartup {

    static final String PRODUCT = "PostgreSQL";

    /** The plain LOB handler: PostgreSQL needs no temporary LOBs (Spring Session only asks for Oracle). */
    @Bean
    @SuppressWarnings("removal")
    DefaultLobHandler springSessionLobHandler() {
        return new DefaultLobHandler();
    }

    /**
     * Registers the application's DataSource as PostgreSQL with Spring's error-code registry just before Spring
     * Session builds its repository, so its {@code SQLErrorCodeSQLExceptionTranslator} finds the codes without
     * opening a connection. The DataSource is the final bean (after the tracing proxy wraps it), the very
     * instance Spring Session was given.
     */
    @Bean
    static BeanPostProcessor sqlErrorCodesWithoutConnecting(ObjectProvider<DataSource> dataSources) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof JdbcHttpSessionConfiguration) {
                    DataSource dataSource = dataSources.getIfUnique();
                    if (dataSource != null) {
                        SQLErrorCodesFactory.getInstance().registerDatabase(dataSource, PRODUCT);
                    }
                }
                return bean;
            }
        };
    }
}
