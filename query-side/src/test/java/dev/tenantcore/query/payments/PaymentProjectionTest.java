package dev.tenantcore.query.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.FindPaymentQuery;
import dev.tenantcore.api.payments.ListPaymentsQuery;
import dev.tenantcore.api.payments.PaymentAnnotatedEvent;
import dev.tenantcore.api.payments.PaymentAuthorizedEvent;
import dev.tenantcore.api.payments.PaymentCancellationFailedEvent;
import dev.tenantcore.api.payments.PaymentCancellationRequestedEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentOpenedEvent;
import dev.tenantcore.api.payments.PaymentPage;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundFailedEvent;
import dev.tenantcore.api.payments.PaymentRefundRequestedEvent;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentResponse;
import dev.tenantcore.api.payments.PaymentSort;
import dev.tenantcore.api.payments.PaymentStatus;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The payment projection")
class PaymentProjectionTest extends ProjectionContract<PaymentProjection> {

    private final PaymentId failed = new PaymentId(id());
    private final PaymentId paid = new PaymentId(id());
    private final PaymentId declined = new PaymentId(id());
    private final PaymentId pending = new PaymentId(id());
    private final PaymentId opened = new PaymentId(id());
    private final PaymentId givenUp = new PaymentId(id());
    /** The order of the payments whose refunds are declined or pending; one list per order. */
    private final OrderId returned = new OrderId(id());

    private final OrderId order = new OrderId(id());
    private final UserId customer = new UserId(id());

    PaymentProjectionTest() {
        super(PaymentProjection::new, "payments");
    }

    @Override
    protected History history(TenantId tenant) {
        Money amount = Money.of(4_840, "EUR");
        return new History(tenant)
                .of(failed, created(failed, tenant, amount))
                .of(failed, new PaymentFailedEvent(failed, order, "card declined for " + tenant))
                .of(paid, created(paid, tenant, amount))
                .of(paid, new PaymentAuthorizedEvent(paid, "pi_" + tenant))
                .of(paid, new PaymentSucceededEvent(paid, order, "pi_" + tenant))
                .of(paid, new PaymentRefundedEvent(paid, Money.of(1_000, "EUR"), 1_000, false, "one item"))
                .of(paid, new PaymentRefundedEvent(paid, Money.of(3_840, "EUR"), 4_840, true, "the rest"))
                .of(declined, created(declined, tenant, returned, amount))
                .of(declined, new PaymentSucceededEvent(declined, returned, "pi_d_" + tenant))
                .of(declined, new PaymentRefundRequestedEvent(declined, declined.value(), amount, "damaged"))
                .of(declined, new PaymentRefundFailedEvent(declined, declined.value(), amount, "declined"))
                .of(pending, created(pending, tenant, returned, amount))
                .of(pending, new PaymentSucceededEvent(pending, returned, "pi_p_" + tenant))
                .of(pending, new PaymentRefundRequestedEvent(pending, pending.value(), amount, "damaged"))
                .of(opened, created(opened, tenant, returned, amount))
                .of(opened, new PaymentOpenedEvent(opened, "pi_o_" + tenant))
                .of(givenUp, created(givenUp, tenant, returned, amount))
                .of(givenUp, new PaymentOpenedEvent(givenUp, "pi_g_" + tenant))
                .of(givenUp, new PaymentFailedEvent(givenUp, returned, "given up"))
                .of(givenUp, new PaymentCancellationRequestedEvent(givenUp, "pi_g_" + tenant))
                .of(givenUp, new PaymentSucceededEvent(givenUp, returned, "pi_g_" + tenant))
                .of(givenUp, new PaymentRefundRequestedEvent(givenUp, givenUp.value(), amount, "late"))
                .of(givenUp, new PaymentCancellationFailedEvent(givenUp, "already succeeded"))
                .of(failed, new PaymentAnnotatedEvent(failed, "TR-" + tenant, "called the bank\nno answer"));
    }

    /** Every payment of the history, newest first: the order of a list without a sort. */
    private List<PaymentId> newestFirst() {
        return List.of(givenUp, opened, pending, declined, paid, failed);
    }

    private static ListPaymentsQuery all(int limit, String cursor) {
        return new ListPaymentsQuery(
                null, null, null, null, null, null, null, null, PaymentSort.CREATED_AT, true, limit, cursor);
    }

    private PaymentCreatedEvent created(PaymentId id, TenantId tenant, Money amount) {
        return created(id, tenant, order, amount);
    }

    private PaymentCreatedEvent created(PaymentId id, TenantId tenant, OrderId order, Money amount) {
        return new PaymentCreatedEvent(id, tenant, order, customer, amount, PaymentProviderKind.STRIPE, null);
    }

    @Test
    @DisplayName("answers each tenant with its own payments, and a customer with their own only")
    void answersEachTenant() {
        PaymentResponse payment = ask(second, p -> p.handle(new FindPaymentQuery(paid, customer)));
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.refundedMinor()).isEqualTo(4_840);
        assertThat(payment.providerPaymentId()).isEqualTo("pi_" + second);
        assertThat(payment.version()).isEqualTo(4);
        assertThat(ask(first, p -> p.handle(new FindPaymentQuery(failed, null))).failureReason())
                .isEqualTo("card declined for " + first);
        assertThat(ask(first, p -> p.handle(ListPaymentsQuery.ofOrder(order, customer)))
                        .items())
                .extracting(PaymentResponse::id)
                .containsExactly(paid, failed);
        assertThat(ask(first, p -> p.handle(ListPaymentsQuery.ofOrder(order, new UserId(id()))))
                        .items())
                .isEmpty();
    }

    @Test
    @DisplayName("shows a refund pending at the provider, and a payment whose refund failed as paid with the reason")
    void showsRefundStates() {
        PaymentResponse waiting = ask(second, p -> p.handle(new FindPaymentQuery(pending, null)));
        assertThat(waiting.status()).isEqualTo(PaymentStatus.REFUND_PENDING);
        assertThat(waiting.refundedMinor()).isZero();
        assertThat(waiting.version()).as("each event moves the version").isEqualTo(2);
        PaymentResponse refundable = ask(second, p -> p.handle(new FindPaymentQuery(declined, null)));
        assertThat(refundable.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(refundable.refundedMinor()).isZero();
        assertThat(refundable.failureReason()).isEqualTo("declined");
        assertThat(refundable.version()).isEqualTo(3);
    }

    @Test
    @DisplayName("shows the provider's reference once the provider opened the payment, still pending")
    void showsOpenedPayment() {
        PaymentResponse payment = ask(first, p -> p.handle(new FindPaymentQuery(opened, null)));
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.providerPaymentId()).isEqualTo("pi_o_" + first);
        assertThat(payment.version()).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "follows every version of a given-up payment whose money arrived late, closing at the provider included")
    void followsGivenUpPayment() {
        PaymentResponse payment = ask(first, p -> p.handle(new FindPaymentQuery(givenUp, null)));
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUND_PENDING);
        assertThat(payment.providerPaymentId()).isEqualTo("pi_g_" + first);
        assertThat(payment.version())
                .as("the version an If-Match must name now")
                .isEqualTo(6);
    }

    @Test
    @DisplayName("shows staff's reference and note to staff, and to the customer the reference without the note")
    void showsAnnotations() {
        PaymentResponse staff = ask(first, p -> p.handle(new FindPaymentQuery(failed, null)));
        assertThat(staff.reference()).isEqualTo("TR-" + first);
        assertThat(staff.note()).isEqualTo("called the bank\nno answer");
        assertThat(staff.version()).isEqualTo(2);
        PaymentResponse own = ask(first, p -> p.handle(new FindPaymentQuery(failed, customer)));
        assertThat(own.reference()).isEqualTo("TR-" + first);
        assertThat(own.note()).as("never shown to customers").isNull();
        assertThat(ask(first, p -> p.handle(ListPaymentsQuery.ofOrder(order, customer)))
                        .items())
                .extracting(PaymentResponse::note)
                .containsOnlyNulls();
    }

    @Test
    @DisplayName("lists payments across orders in pages, newest first, each page's cursor leading to the next")
    void listsInPages() {
        List<PaymentId> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String after = cursor;
            PaymentPage page = ask(second, p -> p.handle(all(4, after)));
            page.items().forEach(payment -> seen.add(payment.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(newestFirst());
        assertThat(pages).isEqualTo(2);
        assertThat(ask(
                                second,
                                p -> p.handle(new ListPaymentsQuery(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        PaymentSort.CREATED_AT,
                                        false,
                                        0,
                                        null)))
                        .items())
                .extracting(PaymentResponse::id)
                .containsExactly(failed, paid, declined, pending, opened, givenUp);
    }

    @Test
    @DisplayName("filters by status, provider, order, creation time and amount, and sorts by the last change")
    void filtersAndSorts() {
        assertThat(ids(filtered(null, PaymentStatus.REFUND_PENDING, null, null, null, null)))
                .containsExactly(givenUp, pending);
        assertThat(ids(filtered(null, null, PaymentProviderKind.MANUAL, null, null, null)))
                .isEmpty();
        assertThat(ids(filtered(null, null, PaymentProviderKind.STRIPE, null, null, null)))
                .containsExactlyElementsOf(newestFirst());
        assertThat(ids(filtered(order, null, null, null, null, null))).containsExactly(paid, failed);
        Instant start = Instant.parse("2026-01-01T09:00:00Z");
        assertThat(ids(filtered(null, null, null, start.plusSeconds(7), start.plusSeconds(14), null)))
                .as("from inclusive, to exclusive")
                .containsExactly(pending, declined);
        assertThat(ids(filtered(null, null, null, null, null, 4_841L))).isEmpty();
        assertThat(ids(filtered(null, null, null, null, null, 4_840L))).hasSize(6);
        var byChange = new ListPaymentsQuery(
                null, null, null, null, null, null, null, null, PaymentSort.UPDATED_AT, true, 2, null);
        PaymentPage first = ask(this.first, p -> p.handle(byChange));
        assertThat(ids(first)).containsExactly(failed, givenUp);
        PaymentPage next = ask(
                this.first,
                p -> p.handle(new ListPaymentsQuery(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        PaymentSort.UPDATED_AT,
                        true,
                        2,
                        first.nextCursor())));
        assertThat(ids(next)).containsExactly(opened, pending);
    }

    private PaymentPage filtered(
            OrderId byOrder,
            PaymentStatus status,
            PaymentProviderKind provider,
            Instant from,
            Instant to,
            Long minAmount) {
        return ask(
                first,
                p -> p.handle(new ListPaymentsQuery(
                        byOrder,
                        null,
                        status,
                        provider,
                        from,
                        to,
                        minAmount,
                        null,
                        PaymentSort.CREATED_AT,
                        true,
                        0,
                        null)));
    }

    private static List<PaymentId> ids(PaymentPage page) {
        return page.items().stream().map(PaymentResponse::id).toList();
    }
}
