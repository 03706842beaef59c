package dev.tenantcore.command.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.CompletePaymentRefundCommand;
import dev.tenantcore.api.payments.FailPaymentRefundCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.PaymentProviderRegistry;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@DisplayName("A queued provider refund")
class ScheduledProviderRefundsTest {

    private static final TenantId ACME = TenantId.random();
    private static final PaymentId PAYMENT = PaymentId.random();
    private static final UUID REFUND = UUID.randomUUID();
    private static final ProviderCredentials CREDENTIALS = new ProviderCredentials("pk", "sk", "wh", null, null);

    private final StubProvider provider = new StubProvider();
    private final List<Object> sent = new ArrayList<>();
    private Optional<ProviderCredentials> credentials = Optional.of(CREDENTIALS);

    private final ScheduledProviderRefunds.Refunder refunder = new ScheduledProviderRefunds.Refunder(
            new PaymentProviderRegistry(List.of(provider)), kind -> credentials, sent::add);

    @AfterEach
    void leaveNoTransactionBehind() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    private void run(int failuresSoFar) {
        ScheduledProviderRefunds.Due due = new ScheduledProviderRefunds.Due(
                ACME.toString(), PAYMENT.toString(), REFUND.toString(), "stripe", "pi_1", 1250, "EUR");
        TaskInstance<ScheduledProviderRefunds.Due> instance =
                new TaskInstance<>(ScheduledProviderRefunds.TASK, REFUND.toString(), due);
        Execution execution = new Execution(Instant.now(), instance);
        execution.consecutiveFailures = failuresSoFar;
        refunder.run(instance, new ExecutionContext(null, execution, null, null));
    }

    @Test
    @DisplayName("calls the provider once, outside any transaction, for the tenant, keyed by the refund id")
    void refunds() {
        run(0);

        assertThat(provider.calls).containsExactly("pi_1 1250 EUR " + REFUND + " tenant " + ACME + " in tx false");
        assertThat(sent).containsExactly(new CompletePaymentRefundCommand(PAYMENT, REFUND));
    }

    @Test
    @DisplayName("never calls a provider from inside a database transaction")
    void refusesInsideATransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(true);

        assertThatThrownBy(() -> run(0)).isInstanceOf(IllegalStateException.class);
        assertThat(provider.calls).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    @DisplayName("reports the provider's refusal as a failed refund")
    void reportsRefusal() {
        provider.answer = () -> {
            throw new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, "The payment provider refused the request.");
        };

        run(0);

        assertThat(sent)
                .containsExactly(
                        new FailPaymentRefundCommand(PAYMENT, REFUND, "The payment provider refused the request."));
    }

    @Test
    @DisplayName("reports a provider that is no longer enabled as a failed refund, without calling it")
    void reportsDisabledProvider() {
        credentials = Optional.empty();

        run(0);

        assertThat(provider.calls).isEmpty();
        assertThat(sent)
                .containsExactly(
                        new FailPaymentRefundCommand(PAYMENT, REFUND, "Payments with stripe are not enabled here."));
    }

    @Test
    @DisplayName("leaves a transient error to the scheduler's retries, and reports it failed after the last one")
    void retriesTransientErrors() {
        provider.answer = () -> {
            throw new IllegalStateException("connection reset");
        };

        assertThatThrownBy(() -> run(0)).hasMessage("connection reset");
        assertThat(sent).isEmpty();

        run(ScheduledProviderRefunds.MAX_ATTEMPTS - 1);
        assertThat(provider.calls).hasSize(2);
        assertThat(sent)
                .containsExactly(new FailPaymentRefundCommand(
                        PAYMENT, REFUND, "The refund could not be completed; try again later."));
    }

    /** Stripe as far as refunds go: records each call and what it saw, then answers as told. */
    static final class StubProvider implements PaymentProvider {

        final List<String> calls = new ArrayList<>();
        Supplier<Void> answer = () -> null;

        @Override
        public PaymentProviderKind kind() {
            return PaymentProviderKind.STRIPE;
        }

        @Override
        public void refund(ProviderCredentials credentials, String providerPaymentId, Money amount, UUID refundId) {
            calls.add(providerPaymentId + " " + amount.amountMinor() + " " + amount.currency() + " " + refundId
                    + " tenant " + TenantContext.current().orElseThrow()
                    + " in tx " + TransactionSynchronizationManager.isActualTransactionActive());
            answer.get();
        }

        @Override
        public ProviderPayment create(ProviderCredentials credentials, PaymentId paymentId, Money amount) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderPayment retrieve(ProviderCredentials credentials, String providerPaymentId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderEvent verifyWebhook(
                ProviderCredentials credentials, Map<String, String> headers, String payload) {
            throw new UnsupportedOperationException();
        }
    }
}
