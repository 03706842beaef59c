package dev.tenantcore.query.payments;

import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.FindPaymentQuery;
import dev.tenantcore.api.payments.ListPaymentsQuery;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentList;
import dev.tenantcore.api.payments.PaymentResponse;
import dev.tenantcore.infra.security.CustomerScope;
import dev.tenantcore.query.support.ReadQueries;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments as staff and customers read them. A customer sees only the payments of their own
 * orders; another customer's payment answers exactly as a missing one.
 */
@RestController
@RequestMapping("/api/v1/payments")
@PreAuthorize("hasAnyRole('CUSTOMER','STAFF','MANAGER','OWNER','AUDITOR')")
class PaymentController {

    private final ReadQueries queries;

    PaymentController(ReadQueries queries) {
        this.queries = queries;
    }

    /** Payments are always read per order: an order's payment attempts, newest first. */
    @GetMapping
    public PaymentList list(@RequestParam UUID orderId) {
        return queries.one(new ListPaymentsQuery(new OrderId(orderId), CustomerScope.current()), PaymentList.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<PaymentResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindPaymentQuery(new PaymentId(id), CustomerScope.current()),
                PaymentResponse.class,
                PaymentResponse::version);
    }
}
