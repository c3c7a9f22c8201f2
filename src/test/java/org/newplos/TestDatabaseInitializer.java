package org.newplos;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a test application context at a fresh database of its own on the shared test server. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase server = TestDatabase.server();
        String database = server.createDatabase("newplos_test");
        TestPropertyValues.of(
                        "spring.datasource.url=" + server.jdbcUrl(database),
                        "spring.datasource.username=" + server.username(),
                        "spring.datasource.password=" + server.password())
                .applyTo(context);
    }
}
