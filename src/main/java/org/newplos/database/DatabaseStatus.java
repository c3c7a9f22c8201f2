package org.newplos.database;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Whether start-up provisioning and migration have succeeded, and if not, why. Data endpoints answer 503
 * while {@link #isReady()} is false; readiness additionally queries the database on every probe.
 */
@Component
public class DatabaseStatus {

    private volatile boolean ready;
    private volatile String reason = "starting: the database has not been checked yet";
    private volatile @Nullable String expectedVersion;

    public boolean isReady() {
        return ready;
    }

    /** Why the application is not ready (or "ready"). */
    public String reason() {
        return ready ? "ready" : reason;
    }

    public @Nullable String expectedVersion() {
        return expectedVersion;
    }

    void notReady(String why) {
        this.reason = why;
        this.ready = false;
    }

    void ready(@Nullable String version) {
        this.expectedVersion = version;
        this.ready = true;
    }
}
