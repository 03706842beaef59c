package dev.tenantcore.command.ordering;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.TaxRate;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.CancelOrderCommand;
import dev.tenantcore.api.ordering.CancelPendingOrderCommand;
import dev.tenantcore.api.ordering.DeliverOrderCommand;
import dev.tenantcore.api.ordering.ExpireOrderCommand;
import dev.tenantcore.api.ordering.MarkOrderPaidCommand;
import dev.tenantcore.api.ordering.MarkOrderRefundedCommand;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderDeliveredEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderLineRequest;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPaymentRefusedEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderShippedEvent;
import dev.tenantcore.api.ordering.OrderStatus;
import dev.tenantcore.api.ordering.OrderTotals;
import dev.tenantcore.api.ordering.PlaceOrderCommand;
import dev.tenantcore.api.ordering.ShipOrderCommand;
import dev.tenantcore.api.ordering.coupon.AppliedCoupon;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.command.common.Customers;
import dev.tenantcore.command.common.Inventory;
import dev.tenantcore.command.common.PostalAddresses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantFacts;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.ordering.coupon.Coupons;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer's order.
 *
 * <p>Invariants: the buyer is a customer of the order's tenant ({@link Customers}); lines are
 * priced from the catalogue when the order is placed, never by the buyer, and all in one currency;
 * every line's stock is reserved with the placement or the order is refused as a whole; a coupon
 * is redeemed from {@link Coupons} in the same transaction or the order is refused, and its
 * discount is spread over the lines ({@link #discounted}); {@code total = subtotal - discount + tax
 * + shipping}, tax charged on each line's total less its share of the discount at the tenant's
 * rate, per line and rounded half up ({@link TaxRate}); numbers are sequential per tenant. An order
 * cancelled or expired before it was paid gives its coupon's use back.
 * Status moves only pending → paid → shipped → delivered, to cancelled from pending or paid (then
 * with a refund due, and on to refunded once it is given back), to refunded from paid when the
 * payment that paid it is refunded in full, or to expired from pending when the payment window
 * closes; cancelling, expiring and that refund give the reserved stock back, shipping consumes
 * it. A customer's own cancellation reaches only their order, and only while it is pending. A
 * payment that succeeds for an order no longer pending is refused as an event, not an error, so
 * the saga that reported it learns to give the money back.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Order extends TenantOwned {

    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 10_000;
    public static final long MAX_SHIPPING_MINOR = 1_000_000_000L;
    public static final int MAX_COUPON_CODE = 40;

    @AggregateIdentifier
    private OrderId id;

    private UserId customerId;
    private OrderStatus status;
    private List<OrderLine> lines;
    private boolean refundDue;
    /** The payment whose money made the order paid; null while unpaid, or when staff confirmed it by hand. */
    private PaymentId paidBy;
    /** Whether the order was placed with a coupon, and so holds one of its uses while unpaid. */
    private boolean holdsCouponUse;

    protected Order() {}

    @CommandHandler
    public Order(
            PlaceOrderCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            Inventory inventory,
            OrderNumbers numbers,
            TenantFacts tenants,
            Customers customers,
            Coupons coupons) {
        TenantId tenantId = TenantId.of(tenant);
        if (command.customerId() == null) {
            throw Rules.invalid("customerId is required");
        }
        OrderAddress billing = address("billing", command.billing());
        OrderAddress shipping = command.shipping() == null ? billing : address("shipping", command.shipping());
        if (command.shippingMinor() < 0 || command.shippingMinor() > MAX_SHIPPING_MINOR) {
            throw Rules.invalid("shippingMinor must be between 0 and " + MAX_SHIPPING_MINOR);
        }
        List<OrderLine> priced = inventory.reserve(merged(command.lines()));
        if (!customers.isCustomer(command.customerId())) {
            throw new DomainException(
                    ErrorCode.UNKNOWN_CUSTOMER, "The order's customer is not a customer of this tenant.");
        }
        String currency = priced.get(0).unitPrice().currency();
        if (priced.stream().anyMatch(l -> !l.unitPrice().currency().equals(currency))) {
            throw Rules.invalid("all products of an order must be priced in one currency");
        }
        List<OrderLine> lines = priced;
        AppliedCoupon coupon = null;
        if (command.couponCode() != null) {
            String code = Rules.text("couponCode", command.couponCode(), MAX_COUPON_CODE);
            long subtotal = priced.stream().mapToLong(OrderLine::lineTotalMinor).reduce(0, Math::addExact);
            Coupons.Redemption redemption =
                    coupons.redeem(code, command.customerId(), command.orderId(), Money.of(subtotal, currency));
            lines = discounted(priced, redemption.terms().discountOn(subtotal));
            coupon = new AppliedCoupon(redemption.couponId(), redemption.code());
        }
        apply(new OrderPlacedEvent(
                command.orderId(),
                tenantId,
                numbers.next(),
                command.customerId(),
                lines,
                billing,
                shipping,
                totals(
                        currency,
                        lines,
                        TaxRate.ofBasisPoints(tenants.require(tenantId).taxRateBasisPoints()),
                        command.shippingMinor()),
                command.paymentProvider(),
                coupon));
    }

    @CommandHandler
    public long handle(MarkOrderPaidCommand command) {
        if (command.paymentId() != null && status != OrderStatus.PENDING) {
            apply(new OrderPaymentRefusedEvent(id, command.paymentId(), status));
            return getVersion();
        }
        require(OrderStatus.PENDING, OrderStatus.PAID);
        apply(new OrderPaidEvent(id, command.paymentId()));
        return getVersion();
    }

    /** Only a pending order expires; one paid or cancelled meanwhile is left as it is. */
    @CommandHandler
    public long handle(ExpireOrderCommand command, Inventory inventory, Coupons coupons) {
        if (status == OrderStatus.PENDING) {
            inventory.release(lines);
            giveCouponBack(coupons);
            apply(new OrderExpiredEvent(id));
        }
        return getVersion();
    }

    /** Only a pending order is cancelled; one paid or ended meanwhile is left as it is. */
    @CommandHandler
    public long handle(CancelPendingOrderCommand command, Inventory inventory, Coupons coupons) {
        if (status == OrderStatus.PENDING) {
            inventory.release(lines);
            giveCouponBack(coupons);
            apply(new OrderCancelledEvent(id, Rules.optionalText("reason", command.reason(), 500), false));
        }
        return getVersion();
    }

    /**
     * A cancelled order that was paid becomes refunded once its money is back. A paid order becomes
     * refunded when the payment that paid it was refunded in full: nothing will ship, so its stock is
     * released. Anything else changes nothing (a refused payment given back, a partial refund, asking
     * again): the saga asks without knowing the order's state, and must not be refused.
     */
    @CommandHandler
    public long handle(MarkOrderRefundedCommand command, Inventory inventory) {
        if (command.paymentId() == null) {
            if (status == OrderStatus.CANCELLED && refundDue) {
                apply(new OrderRefundedEvent(id));
            }
        } else if (status == OrderStatus.PAID && command.paymentId().equals(paidBy)) {
            inventory.release(lines);
            apply(new OrderRefundedEvent(id, command.paymentId()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ShipOrderCommand command, Inventory inventory) {
        require(OrderStatus.PAID, OrderStatus.SHIPPED);
        inventory.shipped(lines);
        apply(new OrderShippedEvent(id));
        return getVersion();
    }

    @CommandHandler
    public long handle(DeliverOrderCommand command) {
        require(OrderStatus.SHIPPED, OrderStatus.DELIVERED);
        apply(new OrderDeliveredEvent(id));
        return getVersion();
    }

    @CommandHandler
    public long handle(CancelOrderCommand command, Inventory inventory, Coupons coupons) {
        if (command.customer() != null && !command.customer().equals(customerId)) {
            // Another customer's order looks exactly like a missing one.
            throw new AggregateNotFoundException(aggregateId(), "The resource does not exist.");
        }
        boolean paid = status == OrderStatus.PAID;
        if (status != OrderStatus.PENDING && !(paid && command.customer() == null)) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE,
                    paid
                            ? "A paid order can only be cancelled by staff."
                            : "A " + status.wireName() + " order cannot be cancelled.");
        }
        String reason = Rules.optionalText("reason", command.reason(), 500);
        inventory.release(lines);
        if (!paid) {
            giveCouponBack(coupons);
        }
        apply(new OrderCancelledEvent(id, reason, paid));
        return getVersion();
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        id = event.orderId();
        tenantId = event.tenantId();
        customerId = event.customerId();
        lines = List.copyOf(event.lines());
        status = OrderStatus.PENDING;
        holdsCouponUse = event.coupon() != null;
    }

    @EventSourcingHandler
    void on(OrderPaidEvent event) {
        status = OrderStatus.PAID;
        paidBy = event.paymentId();
    }

    @EventSourcingHandler
    void on(OrderShippedEvent event) {
        status = OrderStatus.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderDeliveredEvent event) {
        status = OrderStatus.DELIVERED;
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = OrderStatus.CANCELLED;
        refundDue = event.refundRequired();
    }

    @EventSourcingHandler
    void on(OrderExpiredEvent event) {
        status = OrderStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(OrderRefundedEvent event) {
        status = OrderStatus.REFUNDED;
        refundDue = false;
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    private void require(OrderStatus from, OrderStatus to) {
        if (status != from) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE,
                    "A " + status.wireName() + " order cannot become " + to.wireName() + "; it must be "
                            + from.wireName() + ".");
        }
    }

    /** One line per product: a product named twice is ordered once, with the quantities added. */
    private static List<OrderLineRequest> merged(List<OrderLineRequest> requested) {
        if (requested == null || requested.isEmpty()) {
            throw Rules.invalid("an order needs at least one line");
        }
        if (requested.size() > MAX_LINES) {
            throw Rules.invalid("an order may have at most " + MAX_LINES + " lines");
        }
        Map<ProductId, Integer> quantities = new LinkedHashMap<>();
        for (OrderLineRequest line : requested) {
            if (line == null || line.productId() == null) {
                throw Rules.invalid("every line needs a productId");
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw Rules.invalid("quantity must be between 1 and " + MAX_QUANTITY);
            }
            quantities.merge(line.productId(), line.quantity(), Integer::sum);
        }
        if (quantities.values().stream().anyMatch(q -> q > MAX_QUANTITY)) {
            throw Rules.invalid("quantity must be between 1 and " + MAX_QUANTITY);
        }
        return quantities.entrySet().stream()
                .map(e -> new OrderLineRequest(e.getKey(), e.getValue()))
                .toList();
    }

    /** An order that was never paid gives its coupon's use back when it ends; a paid one keeps it. */
    private void giveCouponBack(Coupons coupons) {
        if (holdsCouponUse) {
            coupons.release(id);
        }
    }

    /**
     * Spreads {@code discount} over the lines in proportion to their totals: each line takes its
     * share rounded down to the minor unit, and the minor units left over go one each to the lines
     * with the largest remainders (the earlier line on a tie). The shares add up to the discount
     * exactly, and no line's share exceeds its total.
     */
    static List<OrderLine> discounted(List<OrderLine> lines, long discount) {
        BigInteger subtotal = BigInteger.ZERO;
        for (OrderLine line : lines) {
            subtotal = subtotal.add(BigInteger.valueOf(line.lineTotalMinor()));
        }
        if (discount == 0 || subtotal.signum() == 0) {
            return lines;
        }
        long[] shares = new long[lines.size()];
        BigInteger[] remainders = new BigInteger[lines.size()];
        long given = 0;
        for (int i = 0; i < lines.size(); i++) {
            BigInteger[] division = BigInteger.valueOf(discount)
                    .multiply(BigInteger.valueOf(lines.get(i).lineTotalMinor()))
                    .divideAndRemainder(subtotal);
            shares[i] = division[0].longValueExact();
            remainders[i] = division[1];
            given += shares[i];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byRemainder.add(i);
        }
        byRemainder.sort(Comparator.<Integer, BigInteger>comparing(i -> remainders[i])
                .reversed()
                .thenComparing(i -> i));
        for (int k = 0; k < discount - given; k++) {
            shares[byRemainder.get(k)]++;
        }
        List<OrderLine> discounted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            discounted.add(lines.get(i).withDiscount(shares[i]));
        }
        return List.copyOf(discounted);
    }

    /**
     * Tax by the platform's one rule ({@link TaxRate}): per line, on the line's total less its share
     * of the discount, so an invoice of these lines charges the same.
     */
    private static OrderTotals totals(String currency, List<OrderLine> lines, TaxRate taxRate, long shipping) {
        long subtotal = 0;
        long discount = 0;
        long tax = 0;
        for (OrderLine line : lines) {
            subtotal = Math.addExact(subtotal, line.lineTotalMinor());
            discount = Math.addExact(discount, line.discountMinor());
            tax = Math.addExact(tax, taxRate.taxOnLine(line.netMinor()));
        }
        long total = Math.addExact(Math.addExact(subtotal - discount, tax), shipping);
        return new OrderTotals(currency, subtotal, discount, taxRate.basisPoints(), tax, shipping, total);
    }

    private static OrderAddress address(String field, OrderAddress a) {
        if (a == null) {
            throw Rules.invalid(field + " is required");
        }
        PostalAddress where = PostalAddresses.validated(field, a.postalAddress(), true);
        return OrderAddress.of(
                Rules.text(field + ".name", a.name(), 200),
                Rules.optionalText(field + ".email", a.email(), 320),
                Rules.optionalText(field + ".phone", a.phone(), 50),
                where);
    }
}
