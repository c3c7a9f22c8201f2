package org.newplos.leases;

import java.time.LocalDate;
import java.util.function.Supplier;
import org.newplos.audit.AuditLog;
import org.newplos.common.ConflictException;
import org.newplos.common.InvalidInputException;
import org.newplos.common.NotFoundException;
import org.newplos.common.SqlErrors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Booking, changing, ending and cancelling leases. Each change runs in its own transaction; when the
 * database's exclusion constraint refuses an overlap, the conflicting lease is looked up after the
 * rollback and named in the error. No pre-check: the constraint is the only judge, so races are safe.
 * Each change reads its "before" row with {@code FOR UPDATE}, puts its status condition in the SQL and checks
 * the rows it touched, and writes its audit row, all in one transaction: concurrent end, cancel and delete
 * of one lease happen one after the other, never half-interleaved.
 */
@Service
public class Leasing {

    private final Leases leases;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Leasing(Leases leases, TransactionTemplate transactions, AuditLog audit, ApplicationEventPublisher events) {
        this.leases = leases;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
    }

    public Lease book(LeaseRequest request) {
        return write(request.spaceId(), request.period(), 0, request.memberId(), () -> {
            Lease created = leases.insert(request).orElseThrow(() -> unusableSpace(request));
            audit.record("lease", created.id(), "created", null, created);
            events.publishEvent(new LeaseRecorded(LeaseRecorded.Change.BOOKED, created));
            return created;
        });
    }

    public Lease change(long id, LeaseRequest request) {
        return write(request.spaceId(), request.period(), id, request.memberId(), () -> {
            Lease before = getForUpdate(id);
            if (!leases.update(id, request)) {
                throw unusableSpace(request);
            }
            Lease after = get(id);
            audit.record("lease", id, "updated", before, after);
            events.publishEvent(new LeaseChanged(id, before.spaceId()));
            events.publishEvent(new LeaseRecorded(LeaseRecorded.Change.UPDATED, after));
            return after;
        });
    }

    /**
     * Ends a lease on a day: {@code on} is the first day the space is free again. The lease is read and
     * locked in the same transaction that ends it, and the update itself refuses a cancelled lease, so a
     * concurrent cancel either comes first (this answers 409) or after (the lease ends up cancelled).
     */
    public Lease end(long id, LocalDate on) {
        Lease current = get(id);
        if (current.status() == LeaseStatus.CANCELLED) {
            throw cancelledCannotEnd(id);
        }
        Period ended = Period.of(current.start(), on, "start", "on");
        return write(current.spaceId(), ended, id, current.memberId(), () -> {
            Lease before = getForUpdate(id);
            Period.of(before.start(), on, "start", "on");
            if (before.status() == LeaseStatus.CANCELLED || !leases.end(id, on)) {
                throw cancelledCannotEnd(id);
            }
            Lease after = get(id);
            audit.record("lease", id, "ended", before, after);
            events.publishEvent(new LeaseChanged(id, before.spaceId()));
            events.publishEvent(new LeaseRecorded(LeaseRecorded.Change.ENDED, after));
            return after;
        });
    }

    /** Cancels a lease: the space counts as never let for its period. Cancelling twice is harmless. */
    public Lease cancel(long id) {
        return transactions.execute(status -> {
            Lease before = getForUpdate(id);
            if (!leases.cancel(id)) {
                return before; // already cancelled
            }
            Lease after = get(id);
            audit.record("lease", id, "cancelled", before, after);
            events.publishEvent(new LeaseChanged(id, before.spaceId()));
            events.publishEvent(new LeaseRecorded(LeaseRecorded.Change.CANCELLED, after));
            return after;
        });
    }

    /** Deletes a cancelled lease; others are history and must be cancelled or ended instead. */
    public void delete(long id) {
        try {
            transactions.executeWithoutResult(status -> {
                Lease lease = getForUpdate(id);
                if (lease.status() != LeaseStatus.CANCELLED || !leases.delete(id)) {
                    throw new ConflictException("Lease " + id + " is " + lease.status()
                            + "; only a cancelled lease can be deleted. Cancel or end it instead.");
                }
                audit.record("lease", id, "deleted", lease, null);
            });
        } catch (DataIntegrityViolationException e) {
            if (SqlErrors.is(e, SqlErrors.FOREIGN_KEY_VIOLATION)) {
                throw new ConflictException("Lease " + id + " has been invoiced; it stays, cancelled, as part of"
                        + " the billing history.");
            }
            throw e;
        }
    }

    /**
     * Sets a new monthly rate for some of the lease's days (from a day onward, or for {@code [from, to)}). Days
     * already billed at another rate are credited and billed again at the new rate by the next run.
     */
    public LeaseRate changeRate(long id, RateChangeRequest request) {
        Lease lease = get(id);
        Period period = request.period();
        if (period.end() != null && !period.end().isAfter(lease.start())) {
            throw new InvalidInputException("to", "must be after the lease's start (" + lease.start() + ")");
        }
        if (lease.end() != null && !period.start().isBefore(lease.end())) {
            throw new InvalidInputException("from", "must be before the lease's end (" + lease.end() + ")");
        }
        try {
            return transactions.execute(status -> {
                LeaseRate rate = leases.insertRate(id, request);
                audit.record("lease", id, "rate_changed", null, rate);
                events.publishEvent(new LeaseChanged(id, lease.spaceId()));
                events.publishEvent(new LeaseRecorded(LeaseRecorded.Change.UPDATED, get(id)));
                return rate;
            });
        } catch (DataIntegrityViolationException e) {
            if (SqlErrors.is(e, SqlErrors.EXCLUSION_VIOLATION)) {
                LeaseRate other = leases.rates(id).stream()
                        .filter(r -> (r.to() == null || r.to().isAfter(period.start()))
                                && (period.end() == null || r.from().isBefore(period.end())))
                        .findFirst()
                        .orElse(null);
                throw new ConflictException(
                        "The rate change " + period + " overlaps "
                                + (other == null
                                        ? "another rate change"
                                        : "the change to " + other.monthlyRate() + " from " + other.from()
                                                + (other.to() == null ? " onward" : " to " + other.to()))
                                + "; a lease has one rate per day. Change the other one first.",
                        other == null ? java.util.Map.of() : java.util.Map.of("conflictingRateId", other.id()));
            }
            throw e;
        }
    }

    private Lease getForUpdate(long id) {
        return leases.findForUpdate(id).orElseThrow(() -> new NotFoundException("lease", id));
    }

    private static ConflictException cancelledCannotEnd(long id) {
        return new ConflictException("Lease " + id + " is cancelled; a cancelled lease cannot be ended.");
    }

    public Lease get(long id) {
        return leases.find(id).orElseThrow(() -> new NotFoundException("lease", id));
    }

    private Lease write(long spaceId, Period period, long selfId, long memberId, Supplier<Lease> change) {
        try {
            return transactions.execute(status -> change.get());
        } catch (DataIntegrityViolationException e) {
            if (SqlErrors.is(e, SqlErrors.EXCLUSION_VIOLATION)) {
                throw new LeaseConflictException(
                        spaceId,
                        period,
                        leases.overlapping(spaceId, period, selfId).orElse(null));
            }
            if (SqlErrors.is(e, SqlErrors.FOREIGN_KEY_VIOLATION)) {
                throw new InvalidInputException("memberId", "no member with id " + memberId);
            }
            throw e;
        }
    }

    /** The space of a booking does not exist or is archived: say which. */
    private InvalidInputException unusableSpace(LeaseRequest request) {
        boolean archived =
                leases.spaceActive(request.spaceId()).map(active -> !active).orElse(false);
        return new InvalidInputException(
                "spaceId",
                archived
                        ? "space " + request.spaceId() + " is archived (inactive) and cannot be leased; make it active"
                                + " again or choose another space"
                        : "no space with id " + request.spaceId());
    }
}
