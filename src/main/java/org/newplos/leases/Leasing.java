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
 * Each change writes its audit row in the same transaction.
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
            Lease created = leases.insert(request).orElseThrow(() -> unknownSpace(request));
            audit.record("lease", created.id(), "created", null, created);
            return created;
        });
    }

    public Lease change(long id, LeaseRequest request) {
        Lease before = get(id);
        return write(request.spaceId(), request.period(), id, request.memberId(), () -> {
            if (!leases.update(id, request)) {
                throw unknownSpace(request);
            }
            Lease after = get(id);
            audit.record("lease", id, "updated", before, after);
            events.publishEvent(new LeaseChanged(id, before.spaceId()));
            return after;
        });
    }

    /** Ends a lease on a day: {@code on} is the first day the space is free again. */
    public Lease end(long id, LocalDate on) {
        Lease lease = get(id);
        if (lease.status() == LeaseStatus.CANCELLED) {
            throw new ConflictException("Lease " + id + " is cancelled; a cancelled lease cannot be ended.");
        }
        Period ended = Period.of(lease.start(), on, "start", "on");
        return write(lease.spaceId(), ended, id, lease.memberId(), () -> {
            leases.end(id, on);
            Lease after = get(id);
            audit.record("lease", id, "ended", lease, after);
            events.publishEvent(new LeaseChanged(id, lease.spaceId()));
            return after;
        });
    }

    /** Cancels a lease: the space counts as never let for its period. Cancelling twice is harmless. */
    public Lease cancel(long id) {
        Lease before = get(id);
        transactions.executeWithoutResult(status -> {
            leases.cancel(id);
            audit.record("lease", id, "cancelled", before, get(id));
            events.publishEvent(new LeaseChanged(id, before.spaceId()));
        });
        return get(id);
    }

    /** Deletes a cancelled lease; others are history and must be cancelled or ended instead. */
    public void delete(long id) {
        Lease lease = get(id);
        if (lease.status() != LeaseStatus.CANCELLED) {
            throw new ConflictException("Lease " + id + " is " + lease.status()
                    + "; only a cancelled lease can be deleted. Cancel or end it instead.");
        }
        try {
            transactions.executeWithoutResult(status -> {
                leases.delete(id);
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
        if (period.end() == null ? false : !period.end().isAfter(lease.start())) {
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

    private static InvalidInputException unknownSpace(LeaseRequest request) {
        return new InvalidInputException("spaceId", "no space with id " + request.spaceId());
    }
}
