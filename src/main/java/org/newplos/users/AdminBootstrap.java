package org.newplos.users;

import java.security.SecureRandom;
import java.util.Base64;
import org.newplos.database.DatabaseReady;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * First local run: when {@code newplos.bootstrap-admin} is on (the default for the embedded database)
 * and no user exists (checked once the database is ready), creates {@code admin@newplos.local} with a random password and prints it once.
 */
@Component
@ConditionalOnProperty(name = "newplos.bootstrap-admin", havingValue = "true")
class AdminBootstrap {

    static final String EMAIL = "admin@newplos.local";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;

    AdminBootstrap(Users users) {
        this.users = users;
    }

    /** Runs once the schema is migrated (the database lifecycle publishes {@link DatabaseReady}). */
    @EventListener(DatabaseReady.class)
    void run() {
        if (users.count() > 0) {
            return;
        }
        String password = randomPassword();
        users.create(EMAIL, "Administrator", Role.ADMIN, password);
        // Printed to the console only, never to the log: logs are shipped and kept, a password must not be.
        System.out.printf("""

                ================================================================
                  Newplos created the first admin user (shown only this once):
                    email:    %s
                    password: %s
                  Sign in at http://localhost:8080/ or use it with curl -u.
                ================================================================

                """, EMAIL, password);
        log.warn("Created the first admin user {}; its password was printed on the console", EMAIL);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
