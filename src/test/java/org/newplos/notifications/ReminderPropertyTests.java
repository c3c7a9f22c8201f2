package org.newplos.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.newplos.NewplosApplication;
import org.newplos.TestDatabaseInitializer;
import org.newplos.billing.Billing;
import org.newplos.billing.Invoice;
import org.newplos.billing.LineRequest;
import org.newplos.billing.PaymentMethod;
import org.newplos.billing.PaymentRequest;
import org.newplos.leases.Lease;
import org.newplos.leases.LeaseRequest;
import org.newplos.leases.Leasing;
import org.newplos.members.MemberRequest;
import org.newplos.members.Members;
import org.newplos.spaces.SpaceRequest;
import org.newplos.spaces.SpaceType;
import org.newplos.spaces.Spaces;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reminder guarantee as a stateful property, through PostgreSQL and a real SMTP server (GreenMail):
 * random sequences of booking, extending, ending and cancelling leases, issuing and paying invoices,
 * advancing the clock by random days with the service running (scan + dispatch) or down (nothing runs),
 * dispatchers that crash mid-batch (claim and vanish) and restarts (a new dispatcher). After every step,
 * against a plain model of the world:
 *
 * <ul>
 *   <li>no (subject, threshold) reminder ever reached the SMTP server twice;
 *   <li>every reminder delivered was true on the day it was delivered (the lease's last day as written, not
 *       cancelled, not over, and that threshold the most urgent that applies; the invoice unpaid and that
 *       threshold the latest reached);
 *   <li>after a day with the service running, every reminder due and true that day has been delivered.
 * </ul>
 */
@Tag("database")
class ReminderPropertyTests {

    /** The header every email carries with its outbox message id. */
    static final String OUTBOX_ID_HEADER = "X-Newplos-Message-Id";

    static final int[] LEASE_DAYS = {30, 7, 1};
    static final int[] OVERDUE_DAYS = {3, 10, 30};
    static ConfigurableApplicationContext context;
    static GreenMail smtp;

    @BeforeContainer
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        context = new SpringApplicationBuilder(NewplosApplication.class)
                .initializers(new TestDatabaseInitializer())
                .properties(
                        "spring.main.web-application-type=none",
                        "spring.main.banner-mode=off",
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=" + port)
                .run();
    }

    @AfterContainer
    static void stop() {
        context.close();
        smtp.stop();
    }

    @Property(tries = 25)
    void eachDueAndTrueReminderIsDeliveredExactlyOnceAndNothingElse(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant("reminders", World::check).run();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(3, new Book())
                .withAction(2, new Extend())
                .withAction(1, new EndEarly())
                .withAction(1, new Cancel())
                .withAction(2, new Issue())
                .withAction(2, new Pay())
                .withAction(4, new Advance())
                .withAction(1, new Crash())
                .withAction(1, new Restart())
                .withMaxTransformations(30);
    }

    /** The model's lease: days [start, end), cancelled or not. */
    static final class LeaseModel {
        final long id;
        final LocalDate start;
        LocalDate end;
        boolean cancelled;

        LeaseModel(long id, LocalDate start, LocalDate end) {
            this.id = id;
            this.start = start;
            this.end = end;
        }

        LocalDate lastDay() {
            return end.minusDays(1);
        }

        /** The most urgent threshold that applies on a day, or null. */
        @Nullable
        Integer applies(LocalDate today) {
            if (cancelled || start.isAfter(today) || lastDay().isBefore(today)) {
                return null;
            }
            long left = lastDay().toEpochDay() - today.toEpochDay();
            Integer best = null;
            for (int d : LEASE_DAYS) {
                if (d >= left && (best == null || d < best)) {
                    best = d;
                }
            }
            return best;
        }
    }

    /** The model's invoice: due day and whether it is paid (payments settle the oldest first, in full). */
    static final class InvoiceModel {
        final long id;
        final LocalDate dueOn;
        final BigDecimal total;
        boolean paid;

        InvoiceModel(long id, LocalDate dueOn, BigDecimal total) {
            this.id = id;
            this.dueOn = dueOn;
            this.total = total;
        }

        @Nullable
        Integer applies(LocalDate today) {
            if (paid || !dueOn.isBefore(today)) {
                return null;
            }
            long overdue = today.toEpochDay() - dueOn.toEpochDay();
            Integer best = null;
            for (int d : OVERDUE_DAYS) {
                if (d <= overdue && (best == null || d > best)) {
                    best = d;
                }
            }
            return best;
        }
    }

    /** One try's world: its own location and member, a simulated today, and what has reached the SMTP server. */
    static final class World {
        final JdbcClient jdbc = context.getBean(JdbcClient.class);
        final Leasing leasing = context.getBean(Leasing.class);
        final Billing billing = context.getBean(Billing.class);
        final Spaces spaces = context.getBean(Spaces.class);
        final long location;
        final long member;
        final List<LeaseModel> leases = new ArrayList<>();
        final List<InvoiceModel> invoices = new ArrayList<>();
        /** Delivered reminders by key (subject, threshold, last day), with how often. */
        final Map<String, Integer> delivered = new HashMap<>();

        final List<String> problems = new ArrayList<>();
        LocalDate today = LocalDate.of(2027, 1, 4);
        Dispatcher dispatcher;
        int seen;

        World() {
            // Earlier tries' locations go quiet, and nothing of theirs is left to send.
            jdbc.sql("UPDATE locations SET lease_reminder_days = '{}', overdue_reminder_days = '{}'")
                    .update();
            jdbc.sql("UPDATE outbox SET status = 'CANCELLED' WHERE status = 'PENDING'")
                    .update();
            try {
                smtp.purgeEmailFromAllMailboxes();
            } catch (com.icegreen.greenmail.store.FolderException e) {
                throw new IllegalStateException(e);
            }
            String code = "P" + (System.nanoTime() % 100_000_000);
            location = jdbc.sql("""
                            INSERT INTO locations (code, name, time_zone, invoice_prefix, payment_terms_days)
                            VALUES (:code, 'Property ' || :code, 'UTC', :code, 14) RETURNING id
                            """)
                    .param("code", code.substring(0, Math.min(code.length(), 10)))
                    .query(Long.class)
                    .single();
            member = context.getBean(Members.class)
                    .create(new MemberRequest(
                            "Reminder Tester " + code,
                            code.toLowerCase() + "@example.com",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null))
                    .id();
            dispatcher = newDispatcher();
        }

        Instant now() {
            return today.atTime(12, 0).toInstant(ZoneOffset.UTC);
        }

        Lease book(int startBack, int length) {
            long n = System.nanoTime() % 1_000_000_000L;
            long space = spaces.create(new SpaceRequest(
                            "R-" + n,
                            "Room " + n,
                            SpaceType.DESK,
                            1,
                            new BigDecimal("100.00"),
                            "",
                            true,
                            location,
                            null))
                    .id();
            LocalDate start = today.minusDays(startBack);
            LocalDate end = today.plusDays(length);
            Lease lease = leasing.book(new LeaseRequest(member, space, start, end, null, null, null));
            leases.add(new LeaseModel(lease.id(), start, end));
            return lease;
        }

        void changeEnd(LeaseModel model, LocalDate end) {
            Lease lease = leasing.get(model.id);
            leasing.change(
                    model.id,
                    new LeaseRequest(
                            lease.memberId(),
                            lease.spaceId(),
                            lease.start(),
                            end,
                            lease.monthlyRate(),
                            lease.deposit(),
                            lease.notes()));
            model.end = end;
        }

        void issue(BigDecimal amount) {
            Invoice draft = billing.createDraft(member, location);
            billing.addLine(draft.id(), new LineRequest("Day pass", amount, BigDecimal.ZERO));
            Invoice issued = billing.issue(draft.id(), today);
            invoices.add(new InvoiceModel(issued.id(), issued.dueOn(), issued.total()));
        }

        void payOldest() {
            invoices.stream().filter(i -> !i.paid).findFirst().ifPresent(oldest -> {
                billing.recordPayment(new PaymentRequest(
                        null, member, location, PaymentMethod.CARD, today, oldest.total, "property"));
                oldest.paid = true;
            });
        }

        /** The service runs on this day: the scan, then the dispatcher sends everything due. */
        void run() {
            context.getBean(Reminders.class).scan(now());
            dispatcher.drain(now());
            collect();
        }

        /** The scan runs, the dispatcher claims a batch and dies with it. */
        void crash() {
            context.getBean(Reminders.class).scan(now());
            dispatcher.claim(now());
            dispatcher.close();
            dispatcher = newDispatcher();
        }

        Dispatcher newDispatcher() {
            return new Dispatcher(
                    context.getBean(Messages.class),
                    context.getBeanProvider(Channel.class).orderedStream().toList(),
                    context.getBean(Reminders.class),
                    context.getBean(DeliveryTracing.class),
                    context.getBean(NotificationSettings.class),
                    null);
        }

        /** Reads what reached the SMTP server since the last look, and checks each reminder against the model. */
        void collect() {
            MimeMessage[] received = smtp.getReceivedMessages();
            for (int i = seen; i < received.length; i++) {
                Long id = outboxId(received[i]);
                if (id == null) {
                    problems.add("a message without an outbox id reached the server");
                    continue;
                }
                Map<String, Object> row = jdbc.sql("""
                                SELECT event_type, subject_id, threshold_days, location_id,
                                       coalesce(payload->>'lastDay', '') AS last_day
                                FROM outbox WHERE id = :id
                                """).param("id", id).query().singleRow();
                if (row.get("threshold_days") == null || ((Number) row.get("location_id")).longValue() != location) {
                    continue; // not a reminder of this world (a lease booked, an invoice issued...)
                }
                long subject = ((Number) row.get("subject_id")).longValue();
                int threshold = ((Number) row.get("threshold_days")).intValue();
                String type = (String) row.get("event_type");
                String key = type + ":" + subject + ":" + threshold + ":" + row.get("last_day");
                delivered.merge(key, 1, Integer::sum);
                Integer applies = type.equals("reminder.lease_ending")
                        ? leaseModel(subject).applies(today)
                        : invoiceModel(subject).applies(today);
                boolean lastDayHolds = !type.equals("reminder.lease_ending")
                        || leaseModel(subject).lastDay().toString().equals(row.get("last_day"));
                if (applies == null || applies != threshold || !lastDayHolds) {
                    problems.add("on " + today + " delivered " + key + " although " + applies + " applies"
                            + (lastDayHolds
                                    ? ""
                                    : " and the last day is "
                                            + leaseModel(subject).lastDay()));
                }
            }
            seen = received.length;
        }

        /** After a running day: every reminder that applies today has been delivered. */
        void checkComplete() {
            for (LeaseModel lease : leases) {
                Integer applies = lease.applies(today);
                if (applies != null) {
                    String key = "reminder.lease_ending:" + lease.id + ":" + applies + ":" + lease.lastDay();
                    if (!delivered.containsKey(key)) {
                        problems.add("on " + today + " " + key + " applies but was not delivered");
                    }
                }
            }
            for (InvoiceModel invoice : invoices) {
                Integer applies = invoice.applies(today);
                if (applies != null) {
                    String key = "reminder.invoice_overdue:" + invoice.id + ":" + applies + ":";
                    if (!delivered.containsKey(key)) {
                        problems.add("on " + today + " " + key + " applies but was not delivered");
                    }
                }
            }
        }

        void check() {
            Set<String> twice = new TreeSet<>();
            delivered.forEach((key, count) -> {
                if (count > 1) {
                    twice.add(key + " x" + count);
                }
            });
            assertThat(twice).as("delivered more than once").isEmpty();
            assertThat(problems).isEmpty();
        }

        LeaseModel leaseModel(long id) {
            return leases.stream().filter(l -> l.id == id).findFirst().orElseThrow();
        }

        InvoiceModel invoiceModel(long id) {
            return invoices.stream().filter(i -> i.id == id).findFirst().orElseThrow();
        }

        List<LeaseModel> open() {
            return leases.stream()
                    .filter(l -> !l.cancelled && l.end.isAfter(today.plusDays(1)))
                    .toList();
        }

        @Override
        public String toString() {
            return "World[today=" + today + ", leases=" + leases.size() + ", invoices=" + invoices.size() + "]";
        }
    }

    static @Nullable Long outboxId(MimeMessage message) {
        try {
            String[] header = message.getHeader(OUTBOX_ID_HEADER);
            return header == null || header.length == 0 ? null : Long.valueOf(header[0].strip());
        } catch (MessagingException | NumberFormatException e) {
            return null;
        }
    }

    static final class Book implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(
                            Arbitraries.integers().between(0, 20),
                            Arbitraries.integers().between(1, 70))
                    .as((back, length) -> Transformer.mutate(
                            "book " + back + " days back, " + length + " ahead", w -> w.book(back, length)));
        }
    }

    static final class Extend implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.open().isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return Combinators.combine(
                            Arbitraries.of(w.open()), Arbitraries.integers().between(1, 60))
                    .as((lease, days) -> Transformer.mutate(
                            "extend lease " + lease.id + " by " + days,
                            x -> x.changeEnd(lease, lease.end.plusDays(days))));
        }
    }

    static final class EndEarly implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return w.open().stream().anyMatch(l -> l.end.isAfter(w.today.plusDays(2)));
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            List<LeaseModel> candidates = w.open().stream()
                    .filter(l -> l.end.isAfter(w.today.plusDays(2)))
                    .toList();
            return Arbitraries.of(candidates)
                    .flatMap(lease -> Arbitraries.integers()
                            .between(1, (int) (lease.end.toEpochDay() - w.today.toEpochDay()) - 1)
                            .map(days -> Transformer.mutate("end lease " + lease.id + " in " + days + " days", x -> {
                                LocalDate on = x.today.plusDays(days);
                                x.leasing.end(lease.id, on);
                                lease.end = on;
                            })));
        }
    }

    static final class Cancel implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.open().isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return Arbitraries.of(w.open())
                    .map(lease -> Transformer.mutate("cancel lease " + lease.id, x -> {
                        x.leasing.cancel(lease.id);
                        lease.cancelled = true;
                    }));
        }
    }

    static final class Issue implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.integers()
                    .between(10, 500)
                    .map(amount -> Transformer.mutate(
                            "issue an invoice of " + amount, w -> w.issue(BigDecimal.valueOf(amount))));
        }
    }

    static final class Pay implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return w.invoices.stream().anyMatch(i -> !i.paid);
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return Arbitraries.just(Transformer.mutate("pay the oldest open invoice", World::payOldest));
        }
    }

    /** Days pass; on each the service runs, or it is down (nothing runs) for a stretch. */
    static final class Advance implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.of(true, true, false))
                    .as((days, running) ->
                            Transformer.mutate((running ? "run daily for " : "down for ") + days + " days", w -> {
                                for (int i = 0; i < days; i++) {
                                    w.today = w.today.plusDays(1);
                                    if (running) {
                                        w.run();
                                        w.checkComplete();
                                    }
                                }
                            }));
        }
    }

    static final class Crash implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("a dispatcher crashes mid-batch", World::crash));
        }
    }

    static final class Restart implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("restart: a new dispatcher runs", w -> {
                w.dispatcher.close();
                w.dispatcher = w.newDispatcher();
                w.run();
            }));
        }
    }
}
