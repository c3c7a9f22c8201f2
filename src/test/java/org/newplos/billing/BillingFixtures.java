package org.newplos.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.newplos.locations.Location;
import org.newplos.locations.LocationRequest;
import org.newplos.locations.Locations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Locations and spaces in them, for billing tests: each test gets a location of its own. */
@Component
class BillingFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 10_000));

    private final Locations locations;
    private final JdbcClient jdbc;

    BillingFixtures(Locations locations, JdbcClient jdbc) {
        this.locations = locations;
        this.jdbc = jdbc;
    }

    Location location(String vat, LocalDate billingStartsOn) {
        String code = "T" + SEQUENCE.incrementAndGet();
        return locations.create(new LocationRequest(
                code,
                "Test " + code,
                "Europe/Amsterdam",
                "EUR",
                code,
                new BigDecimal(vat),
                14,
                "Newplos Test B.V.\nKvK 12345678",
                billingStartsOn,
                null));
    }

    /** Moves a space into a location. */
    void place(long spaceId, Location location) {
        jdbc.sql("UPDATE spaces SET location_id = :l WHERE id = :s")
                .param("l", location.id())
                .param("s", spaceId)
                .update();
    }
}
