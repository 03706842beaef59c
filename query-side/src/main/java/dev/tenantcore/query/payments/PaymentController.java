package dev.tenantcore.query.payments;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.FindPaymentQuery;
import dev.tenantcore.api.payments.ListPaymentsQuery;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentList;
import dev.tenantcore.api.payments.PaymentResponse;
import dev.tenantcore.infra.security.CustomerScope;
import dev.tenantcore.query.support.QueryResults;
import dev.tenantcore.query.support.VersionedResponses;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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
@PreAuthorize("hasAnyRole('CUSTOMER','STAFF','MANAGER','OWNER')")
class PaymentController {

    private final QueryGateway queries;

    PaymentController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Payments are always read per order: an order's payment attempts, newest first. */
    @GetMapping
    public PaymentList list(@RequestParam UUID orderId) {
        return QueryResults.join(queries.query(
                new ListPaymentsQuery(new OrderId(orderId), CustomerScope.current()),
                ResponseTypes.instanceOf(PaymentList.class)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<PaymentResponse> get(@PathVariable UUID id) {
        PaymentResponse payment = QueryResults.join(queries.query(
                new FindPaymentQuery(new PaymentId(id), CustomerScope.current()),
                ResponseTypes.instanceOf(PaymentResponse.class)));
        if (payment == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
        }
        return VersionedResponses.ok(payment, payment.version());
    }
}
