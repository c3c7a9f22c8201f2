package org.newplos.cli;

import java.sql.Date;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates a realistic sample — plans, spaces of each type, members, and past, current and future
 * leases — with set-based SQL in one transaction, so a million leases load in about a minute.
 * The same seed gives the same data.
 */
@Component
class DemoData {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DemoData(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** How much to generate. Leases: per space, one slot per window of 45 days, about 3 in 4 slots let. */
    record Size(int members, int spaces, int pastSlots, int futureSlots) {}

    /** What was added. */
    record Result(int plans, int spaces, int members, int leases) {}

    Result generate(Size size, long seed, LocalDate today) {
        return transactions.execute(status -> {
            jdbc.sql("SELECT setseed(:seed)")
                    .param("seed", (seed % 1_000_000) / 1_000_000.0)
                    .query()
                    .singleRow();
            int plans = insertPlans();
            long firstSpace = maxId("spaces");
            int spaces = insertSpaces(size.spaces(), firstSpace);
            long firstMember = maxId("members");
            int members = insertMembers(size.members(), firstMember, today);
            int leases = insertLeases(firstSpace, firstMember, size, today);
            return new Result(plans, spaces, members, leases);
        });
    }

    private long maxId(String table) {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM " + table)
                .query(Long.class)
                .single();
    }

    private int insertPlans() {
        return jdbc.sql("""
                        INSERT INTO plans (name, description, price, billing_period, space_type, room_credit_minutes) VALUES
                          ('Hot desk', 'Any free desk in the open area, weekdays', 190.00, 'MONTHLY', 'DESK', 120),
                          ('Dedicated desk', 'Your own desk with a lockable drawer', 350.00, 'MONTHLY', 'DESK', 240),
                          ('Private office', 'A lockable office for a team', 1200.00, 'MONTHLY', 'OFFICE', 600),
                          ('Studio', 'A studio for makers and artists, billed quarterly', 2100.00, 'QUARTERLY', 'STUDIO', 0),
                          ('Locker', 'A personal locker', 25.00, 'MONTHLY', 'LOCKER', 0),
                          ('Community', 'Access, events and meeting-room credits', 480.00, 'YEARLY', NULL, 2400)
                        ON CONFLICT (name) DO NOTHING
                        """).update();
    }

    private int insertSpaces(int count, long offset) {
        return jdbc.sql("""
                        INSERT INTO spaces (code, name, type, capacity, monthly_rate, location, hourly_rate)
                        SELECT t.prefix || '-' || (:offset + g), t.label || ' ' || (:offset + g), t.type, t.capacity,
                               round((t.low + random() * (t.high - t.low))::numeric, 0),
                               'Floor ' || (1 + (:offset + g) % 4),
                               CASE WHEN t.type = 'MEETING_ROOM' THEN 25.00 + 5 * ((:offset + g) % 4) END
                        FROM generate_series(1, :count) g
                        CROSS JOIN LATERAL (SELECT random() AS r WHERE g > 0) pick
                        CROSS JOIN LATERAL (
                            SELECT * FROM (VALUES
                                ('D', 'Desk', 'DESK', 1, 180, 380, 0.00, 0.50),
                                ('O', 'Office', 'OFFICE', 4, 900, 2600, 0.50, 0.65),
                                ('S', 'Studio', 'STUDIO', 2, 600, 1500, 0.65, 0.75),
                                ('L', 'Locker', 'LOCKER', 1, 15, 40, 0.75, 0.95),
                                ('M', 'Meeting room', 'MEETING_ROOM', 8, 300, 650, 0.95, 1.01))
                              AS v(prefix, label, type, capacity, low, high, from_r, to_r)
                            WHERE pick.r >= v.from_r AND pick.r < v.to_r) t
                        ON CONFLICT (code) DO NOTHING
                        """).param("count", count).param("offset", offset).update();
    }

    private int insertMembers(int count, long offset, LocalDate today) {
        return jdbc.sql("""
                        WITH first_names AS (SELECT ARRAY['Anna','Ben','Chloe','David','Elif','Farid','Grace','Hugo',
                                 'Ines','Jonas','Kaito','Lena','Mateo','Nora','Omar','Priya','Quinn','Rosa','Samir',
                                 'Tess','Uma','Victor','Wen','Ximena','Yusuf','Zoe','Margaret','Siobhan','Bartholomew',
                                 'Joaquín'] AS a),
                             last_names AS (SELECT ARRAY['Andersen','Brown','Castillo','Dubois','Eriksen','Fischer',
                                 'García','Haddad','Ivanova','Jensen','Kowalski','Lindqvist','Moreau','Nakamura',
                                 'Okafor','Petrov','Quintero','Rossi','Schmidt','Tanaka','Ulrich','Varga','Walsh',
                                 'Xu','Yilmaz','Zimmermann','O''Brien','Nguyen','Fitzgerald','Müller'] AS a),
                             plan_ids AS (SELECT array_agg(id ORDER BY id) AS a FROM plans),
                             picks AS (
                                SELECT g, random() AS r_first, random() AS r_last, random() AS r_status,
                                       random() AS r_plan, random() AS r_joined, random() AS r_company
                                FROM generate_series(1, :count) g)
                        INSERT INTO members (full_name, email, phone, company, status, plan_id, joined_on)
                        SELECT f.a[1 + floor(r_first * array_length(f.a, 1))::int] || ' '
                                   || l.a[1 + floor(r_last * array_length(l.a, 1))::int],
                               'member' || (:offset + g) || '@example.com',
                               '+44 20 7946 ' || lpad(((:offset + g) % 10000)::text, 4, '0'),
                               CASE WHEN r_company < 0.4 THEN 'Studio ' || (1 + floor(r_company * 500)::int) ELSE '' END,
                               CASE WHEN r_status < 0.85 THEN 'ACTIVE' WHEN r_status < 0.93 THEN 'PAUSED' ELSE 'LEFT' END,
                               CASE WHEN r_plan < 0.7 THEN p.a[1 + floor(r_plan / 0.7 * array_length(p.a, 1))::int] END,
                               CAST(:today AS date) - floor(r_joined * 1500)::int
                        FROM picks, first_names f, last_names l, plan_ids p
                        ON CONFLICT DO NOTHING
                        """)
                .param("count", count)
                .param("offset", offset)
                .param("today", Date.valueOf(today))
                .update();
    }

    /**
     * Per space, slots of 45 days from {@code pastSlots} windows ago; each let slot holds one lease that
     * starts in its first week and lasts 3–5 weeks (21–37 days), so leases of a space never overlap. One space in
     * five (those whose id is a multiple of 5) has an open-ended lease from the current window on, with nothing booked after it.
     */
    private int insertLeases(long firstSpace, long firstMember, Size size, LocalDate today) {
        return jdbc.sql("""
                        WITH member_ids AS (
                                SELECT array_agg(id ORDER BY id) AS a FROM members WHERE id > :firstMember),
                             new_spaces AS (
                                SELECT id, monthly_rate, id % 5 = 0 AS open_ended FROM spaces WHERE id > :firstSpace),
                             slots AS (
                                SELECT s.id AS space_id, s.monthly_rate, s.open_ended, g AS slot,
                                       CAST(:today AS date) + (g - :pastSlots) * 45 - 22 AS window_start,
                                       random() AS r_let, random() AS r_start, random() AS r_length,
                                       random() AS r_member, random() AS r_cancel
                                FROM new_spaces s CROSS JOIN generate_series(0, :pastSlots + :futureSlots) g),
                             leases_to_be AS (
                                SELECT slots.*, window_start + floor(r_start * 7)::int AS start_day,
                                       CASE WHEN open_ended AND slot = :pastSlots THEN NULL
                                            ELSE window_start + floor(r_start * 7)::int + 21 + floor(r_length * 17)::int
                                       END AS end_day
                                FROM slots
                                WHERE r_let < 0.75 AND NOT (open_ended AND slot > :pastSlots))
                        INSERT INTO leases (member_id, space_id, period, monthly_rate, deposit, status)
                        SELECT m.a[1 + floor(r_member * array_length(m.a, 1))::int], space_id,
                               daterange(start_day, end_day, '[)'), monthly_rate, monthly_rate,
                               CASE WHEN r_cancel < 0.04 THEN 'CANCELLED'
                                    WHEN end_day <= CAST(:today AS date) THEN 'ENDED'
                                    ELSE 'ACTIVE' END
                        FROM leases_to_be, member_ids m
                        WHERE array_length(m.a, 1) > 0
                        """)
                .param("firstMember", firstMember)
                .param("firstSpace", firstSpace)
                .param("pastSlots", size.pastSlots())
                .param("futureSlots", size.futureSlots())
                .param("today", Date.valueOf(today))
                .update();
    }
}
