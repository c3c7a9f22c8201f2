package org.newplos.billing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.newplos.members.Members;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Payments", description = "Money received, members' balances, and deposits kept at the end of a lease")
@RestController
class PaymentApiController {

    private final Billing billing;
    private final Invoices invoices;
    private final Members members;
    private final Clock clock;

    PaymentApiController(Billing billing, Invoices invoices, Members members, Clock clock) {
        this.billing = billing;
        this.invoices = invoices;
        this.members = members;
        this.clock = clock;
    }

    @Operation(
            summary = "Record a payment",
            description = "For an issued invoice (member and location follow from it), or on a member's account"
                    + " at a location. Payments settle the oldest open invoice first; an overpayment is credit"
                    + " for the next invoice. 409 for a draft, void invoice or credit note, or a day on or before"
                    + " the lock date; 400 for an amount below 0.01.")
    @PostMapping("/api/v1/payments")
    ResponseEntity<Payment> record(@Valid @RequestBody PaymentRequest request) {
        Payment payment = billing.recordPayment(request);
        return ResponseEntity.created(URI.create("/api/v1/payments?memberId=" + payment.memberId()))
                .body(payment);
    }

    @Operation(summary = "List payments, oldest first", description = "By member, by invoice, or both (at most 500)")
    @GetMapping("/api/v1/payments")
    List<Payment> list(
            @RequestParam(required = false) @Nullable Long memberId,
            @RequestParam(required = false) @Nullable Long invoiceId) {
        return billing.payments(memberId, invoiceId);
    }

    @Operation(
            summary = "A member's balance per location",
            description = "invoiced − paid − credited, from the issued documents and payments (never stored):"
                    + " positive when the member owes, negative when they have credit; overdue is what is past"
                    + " due today. Only locations where the member has documents or payments.")
    @GetMapping("/api/v1/members/{id}/balance")
    List<Balance> balance(@PathVariable long id) {
        members.get(id);
        return invoices.balances(id, LocalDate.now(clock));
    }

    @Operation(
            summary = "Keep part of a lease's deposit",
            description = "The refund credit note of the next run after the lease ends returns the deposit less"
                    + " kept, naming the reason. Setting it again replaces it; 409 once the deposit is refunded.")
    @PostMapping("/api/v1/leases/{id}/deposit-settlement")
    DepositSettlementView settleDeposit(@PathVariable long id, @Valid @RequestBody DepositSettlement request) {
        billing.settleDeposit(id, request.kept(), request.reason());
        return new DepositSettlementView(id, request.kept(), request.reason().strip());
    }

    /** A deposit settlement as stored. */
    record DepositSettlementView(long leaseId, BigDecimal kept, String reason) {}
}
