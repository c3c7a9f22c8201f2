package org.newplos.portal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.newplos.Fixtures;
import org.newplos.billing.Billing;
import org.newplos.billing.Invoice;
import org.newplos.billing.LineRequest;
import org.newplos.leases.Lease;
import org.newplos.members.Member;
import org.newplos.security.MemberPrincipal;
import org.newplos.spaces.Space;
import org.newplos.spaces.SpaceType;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Members with a lease and an issued invoice, made through the features' own services, for the portal tests. */
@TestComponent
class PortalFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 10_000));

    private final Fixtures fixtures;
    private final Billing billing;
    private final JdbcClient jdbc;

    PortalFixtures(Fixtures fixtures, Billing billing, JdbcClient jdbc) {
        this.fixtures = fixtures;
        this.billing = billing;
        this.jdbc = jdbc;
    }

    /** A member with a billing address, a current lease, and an issued invoice. */
    record Setup(Member member, Lease lease, Invoice invoice, long locationId) {}

    long location() {
        String code = "P" + SEQUENCE.incrementAndGet();
        return jdbc.sql("""
                        INSERT INTO locations (code, name, time_zone, currency, invoice_prefix, default_vat_rate,
                                               payment_terms_days)
                        VALUES (:code, 'Portal ' || :code, 'UTC', 'EUR', :code, 21, 14)
                        RETURNING id
                        """).param("code", code).query(Long.class).single();
    }

    Member member(String name) {
        Member member = fixtures.member(name);
        jdbc.sql("UPDATE members SET billing_address = :address WHERE id = :id")
                .param("address", "Keizersgracht " + member.id() + "\n1015 CJ Amsterdam")
                .param("id", member.id())
                .update();
        return member;
    }

    Setup setup(String name) {
        long location = location();
        Member member = member(name);
        Space space = fixtures.space(SpaceType.DESK, "300.00");
        jdbc.sql("UPDATE spaces SET location_id = :l WHERE id = :s")
                .param("l", location)
                .param("s", space.id())
                .update();
        LocalDate today = LocalDate.now();
        Lease lease = fixtures.lease(member, space, today.minusMonths(1), today.plusMonths(6));
        Invoice draft = billing.createDraft(member.id(), location);
        billing.addLine(draft.id(), new LineRequest("Printing for " + name, new BigDecimal("42.00"), BigDecimal.ZERO));
        Invoice invoice = billing.issue(draft.id(), today);
        return new Setup(member, lease, invoice, location);
    }

    static RequestPostProcessor as(Member member) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                new MemberPrincipal(member.id(), member.email()),
                null,
                List.of(new SimpleGrantedAuthority(MemberPrincipal.ROLE))));
    }

    void setStatus(long memberId, String status) {
        jdbc.sql("UPDATE members SET status = :status WHERE id = :id")
                .param("status", status)
                .param("id", memberId)
                .update();
    }
}
