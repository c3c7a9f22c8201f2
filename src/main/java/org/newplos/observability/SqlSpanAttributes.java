package org.newplos.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import org.newplos.database.DatabaseSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Adds the database system and name to the JDBC observations (SQL spans) of datasource-micrometer. */
@Component
class SqlSpanAttributes implements ObservationFilter {

    private final String database;

    SqlSpanAttributes(ObjectProvider<DatabaseSettings> settings) {
        DatabaseSettings configured = settings.getIfAvailable();
        this.database = configured == null ? "unknown" : configured.target().database();
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
