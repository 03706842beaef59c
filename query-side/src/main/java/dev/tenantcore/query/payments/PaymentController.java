package dev.tenantcore.query.payments;

import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.FindPaymentQuery;
import dev.tenantcore.api.payments.ListPaymentsQuery;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentPage;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentResponse;
import dev.tenantcore.api.payments.PaymentSort;
import dev.tenantcore.api.payments.PaymentStatus;
import dev.tenantcore.infra.security.CustomerScope;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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
 * orders, without staff's notes; another customer's payment answers exactly as a missing one.
 */
@RestController
@RequestMapping("/api/v1/payments")
@PreAuthorize("hasAnyRole('CUSTOMER','STAFF','MANAGER','OWNER','AUDITOR')")
class PaymentController {

    private static final String SORT = "The order of the pages, each broken by id: createdAt or updatedAt (last"
            + " change); a leading '-' sorts from the newest, the default being -createdAt. A cursor is valid only"
            + " with the sort that handed it out.";

    private final ReadQueries queries;

    PaymentController(ReadQueries queries) {
        this.queries = queries;
    }

    /**
     * The tenant's payments across orders (a customer's own only), filtered; {@code from} is
     * inclusive and {@code to} exclusive, on the time the payment was created; amounts are in minor
     * units, both bounds inclusive.
     */
    @GetMapping
    public PaymentPage list(
            @RequestParam(required = false) UUID orderId,
            @RequestParam(required = false) PaymentStatus status,
            @RequestParam(required = false) PaymentProviderKind provider,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) @PositiveOrZero Long minAmount,
            @RequestParam(required = false) @PositiveOrZero Long maxAmount,
            @Parameter(description = SORT)
                    @RequestParam(defaultValue = "-createdAt")
                    @Pattern(regexp = "-?(createdAt|updatedAt)")
                    String sort,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        var query = new ListPaymentsQuery(
                orderId == null ? null : new OrderId(orderId),
                CustomerScope.current(),
                status,
                provider,
                from,
                to,
                minAmount,
                maxAmount,
                sort.endsWith("updatedAt") ? PaymentSort.UPDATED_AT : PaymentSort.CREATED_AT,
                sort.startsWith("-"),
                limit,
                cursor);
        return queries.one(query, PaymentPage.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<PaymentResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindPaymentQuery(new PaymentId(id), CustomerScope.current()),
                PaymentResponse.class,
                PaymentResponse::version);
    }
}
