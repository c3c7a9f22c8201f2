package org.newplos.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A span around every Flyway migrate (at start, and in the migrate command), so its SQL statements
 * show up as its children. Flyway's Boot auto-configuration picks up Callback beans.
 */
@Component
class MigrationSpan implements Callback {

    private final ObservationRegistry registry;
    private @Nullable Observation observation;
    private Observation.@Nullable Scope scope;

    MigrationSpan(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE || event == Event.AFTER_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public synchronized void handle(Event event, Context context) {
        if (event == Event.BEFORE_MIGRATE) {
            observation = Observation.createNotStarted("newplos.migrate", registry)
                    .contextualName("newplos migrate")
                    .lowCardinalityKeyValue("db.system", "postgresql")
                    .start();
            scope = observation.openScope();
            return;
        }
        Observation running = observation;
        if (running == null) {
            return;
        }
        if (event == Event.AFTER_MIGRATE_ERROR) {
            running.error(new IllegalStateException("migration failed"));
        }
        if (scope != null) {
            scope.close();
        }
        running.stop();
        observation = null;
        scope = null;
    }

    @Override
    public String getCallbackName() {
        return "newplos-migrate-span";
    }
}
