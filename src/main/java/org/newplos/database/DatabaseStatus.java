package org.newplos.database;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Whether start-up provisioning and migration have succeeded, and if not, why. Data endpoints answer 503
 * while {@link #isReady()} is false; readiness additionally queries the database on every probe.
 */
@Component
class DatabaseStatus {

    private volatile boolean ready;
    private volatile String reason = "starting: the database has not been checked yet";
    private volatile String publicReason = STARTING;

    static final String STARTING = "it is starting";
    static final String UNREACHABLE = "the database is unreachable; it keeps trying";
    static final String PENDING = "database migrations are pending";
    static final String SETUP_FAILED = "the database cannot be set up; an operator must act";
    private volatile @Nullable String expectedVersion;

    public boolean isReady() {
        return ready;
    }

    /** Why the application is not ready (or "ready"). */
    public String reason() {
        return ready ? "ready" : reason;
    }

    /**
     * What kind of wait it is, for anyone to read: no hosts, ports, roles, database names, server messages or
     * SQL (those stay in {@link #reason()}, for the log, /readyz as admin and doctor).
     */
    public String publicReason() {
        return ready ? "ready" : publicReason;
    }

    public @Nullable String expectedVersion() {
        return expectedVersion;
    }

    void notReady(String why, String publicWhy) {
        this.reason = why;
        this.publicReason = publicWhy;
        this.ready = false;
    }

    void ready(@Nullable String version) {
        this.expectedVersion = version;
        this.ready = true;
    }
}
