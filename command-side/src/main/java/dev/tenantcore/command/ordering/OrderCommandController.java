package dev.tenantcore.command.ordering;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.CancelOrderCommand;
import dev.tenantcore.api.ordering.DeliverOrderCommand;
import dev.tenantcore.api.ordering.FindOrderQuery;
import dev.tenantcore.api.ordering.MarkOrderPaidCommand;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderLineRequest;
import dev.tenantcore.api.ordering.OrderResponse;
import dev.tenantcore.api.ordering.PlaceOrderCommand;
import dev.tenantcore.api.ordering.ShipOrderCommand;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.command.common.PaymentMethods;
import dev.tenantcore.infra.idempotency.Idempotent;
import dev.tenantcore.infra.security.CustomerScope;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Placing and moving orders. Customers order for themselves (shipping costs nothing for them in
 * this slice) and may cancel their own pending orders; staff order for a customer, with a flat
 * shipping amount, ship and deliver; owners and managers may mark an order paid by hand. The
 * buyer may name how they will pay; the payment saga opens that payment once the order is placed.
 * Either may name a coupon code, which the order redeems as it is placed.
 */
@CommandEndpoint(representation = OrderResponse.class)
@RestController
@RequestMapping("/api/v1/orders")
class OrderCommandController {

    private final CommandResource<OrderId, OrderResponse> orders;
    private final PaymentMethods paymentMethods;

    OrderCommandController(CommandResponses responses, PaymentMethods paymentMethods) {
        // A customer's representation is read as theirs, exactly as their GET would read it.
        this.orders = responses.resource(
                "/api/v1/orders",
                OrderId::new,
                id -> new FindOrderQuery(id, CustomerScope.current()),
                OrderResponse.class,
                OrderResponse::version);
        this.paymentMethods = paymentMethods;
    }

    record LineRequest(
            @NotNull UUID productId,
            @NotNull @Min(1) @Max(Order.MAX_QUANTITY) Integer quantity) {}

    record AddressRequest(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone,
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,
            @Size(max = 100) String region,
            @NotNull @Pattern(regexp = "[A-Z]{2}") String country) {
        OrderAddress toAddress() {
            return new OrderAddress(name, email, phone, line1, line2, city, postalCode, region, country);
        }
    }

    record PlaceOrderRequest(
            UUID customerId,
            @NotEmpty @Size(max = Order.MAX_LINES) List<@NotNull @Valid LineRequest> lines,
            @NotNull @Valid AddressRequest billing,
            @Valid AddressRequest shipping,
            @PositiveOrZero @Max(Order.MAX_SHIPPING_MINOR) Long shippingMinor,
            @Size(max = 20) String paymentProvider,
            @Size(min = 1, max = Order.MAX_COUPON_CODE) String couponCode) {}

    record CancelRequest(@Size(max = 500) String reason) {}

    @CommandEndpoint(representation = OrderResponse.class, creates = true)
    @PostMapping
    @Idempotent
    @PreAuthorize("hasAnyRole('CUSTOMER', 'STAFF', 'MANAGER', 'OWNER')")
    public ResponseEntity<Object> place(@Valid @RequestBody PlaceOrderRequest body, CommandHeaders headers) {
        UserId customer = CustomerScope.current();
        if (customer != null) {
            if (body.customerId() != null || body.shippingMinor() != null) {
                throw new DomainException(
                        ErrorCode.VALIDATION_FAILED,
                        "Customers order for themselves: customerId and shippingMinor are set by staff only.");
            }
        } else {
            if (body.customerId() == null) {
                throw new DomainException(
                        ErrorCode.VALIDATION_FAILED, "customerId is required when staff place an order.");
            }
            customer = new UserId(body.customerId());
        }
        PaymentProviderKind provider = paymentMethods.accepted(body.paymentProvider());
        OrderId id = OrderId.random();
        return orders.create(
                id,
                new PlaceOrderCommand(
                        id,
                        customer,
                        body.lines().stream()
                                .map(l -> new OrderLineRequest(new ProductId(l.productId()), l.quantity()))
                                .toList(),
                        body.billing().toAddress(),
                        body.shipping() == null ? null : body.shipping().toAddress(),
                        body.shippingMinor() == null ? 0 : body.shippingMinor(),
                        provider,
                        body.couponCode()),
                headers);
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('CUSTOMER', 'STAFF', 'MANAGER', 'OWNER')")
    public ResponseEntity<Object> cancel(
            @PathVariable UUID id, @Valid @RequestBody(required = false) CancelRequest body, CommandHeaders headers) {
        return orders.transition(
                id,
                headers,
                (order, expected) -> new CancelOrderCommand(
                        order, expected, CustomerScope.current(), body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/mark-paid")
    @PreAuthorize("hasAnyRole('MANAGER', 'OWNER')")
    public ResponseEntity<Object> markPaid(@PathVariable UUID id, CommandHeaders headers) {
        return orders.transition(id, headers, MarkOrderPaidCommand::new);
    }

    @PostMapping("/{id}/ship")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER', 'OWNER')")
    public ResponseEntity<Object> ship(@PathVariable UUID id, CommandHeaders headers) {
        return orders.transition(id, headers, ShipOrderCommand::new);
    }

    @PostMapping("/{id}/deliver")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER', 'OWNER')")
    public ResponseEntity<Object> deliver(@PathVariable UUID id, CommandHeaders headers) {
        return orders.transition(id, headers, DeliverOrderCommand::new);
    }
}
