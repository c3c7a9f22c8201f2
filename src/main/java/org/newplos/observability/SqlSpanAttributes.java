package org.newplos.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Adds the database system and name to the JDBC observations (SQL spans) of datasource-micrometer. */
@Component
class SqlSpanAttributes implements ObservationFilter {

    private static final Pattern DATABASE = Pattern.compile("jdbc:postgresql://[^/]*/([^?;]+)");

    private final String database;

    SqlSpanAttributes(Environment environment) {
        Matcher matcher = DATABASE.matcher(environment.getProperty("spring.datasource.url", ""));
        this.database = matcher.find() ? matcher.group(1) : "unknown";
    }

    @Override
    public Observation.Context map(Observation.Context context) {
        if (context.getName().startsWith("jdbc.")) {
            context.addLowCardinalityKeyValue(KeyValue.of("db.system", "postgresql"));
            context.addLowCardinalityKeyValue(KeyValue.of("db.name", database));
        }
        return context;
    }
}
