package dev.tenantcore.query.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.payments.FindPaymentQuery;
import dev.tenantcore.api.payments.ListPaymentsQuery;
import dev.tenantcore.api.payments.PaymentAuthorizedEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentResponse;
import dev.tenantcore.api.payments.PaymentStatus;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The payment projection")
class PaymentProjectionTest extends ProjectionContract<PaymentProjection> {

    private final PaymentId failed = new PaymentId(id());
    private final PaymentId paid = new PaymentId(id());
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
                .of(paid, new PaymentRefundedEvent(paid, Money.of(3_840, "EUR"), 4_840, true, "the rest"));
    }

    private PaymentCreatedEvent created(PaymentId id, TenantId tenant, Money amount) {
        return new PaymentCreatedEvent(id, tenant, order, customer, amount, PaymentProviderKind.STRIPE, null);
    }

    @Test
    @DisplayName("answers each tenant with its own payments, and a customer with their own only")
    void answersEachTenant() {
        PaymentProjection projection = fedWithBothTenants();

        PaymentResponse payment = db.as(second, () -> projection.handle(new FindPaymentQuery(paid, customer)));
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.refundedMinor()).isEqualTo(4_840);
        assertThat(payment.providerPaymentId()).isEqualTo("pi_" + second);
        assertThat(payment.version()).isEqualTo(4);
        assertThat(db.as(first, () -> projection.handle(new FindPaymentQuery(failed, null)))
                        .failureReason())
                .isEqualTo("card declined for " + first);
        assertThat(db.as(first, () -> projection.handle(new ListPaymentsQuery(order, customer)))
                        .items())
                .extracting(PaymentResponse::id)
                .containsExactly(paid, failed);
        assertThat(db.as(first, () -> projection.handle(new ListPaymentsQuery(order, new UserId(id()))))
                        .items())
                .isEmpty();
    }
}
