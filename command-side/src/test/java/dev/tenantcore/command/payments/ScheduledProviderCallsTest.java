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
import dev.tenantcore.api.payments.CompletePaymentOpeningCommand;
import dev.tenantcore.api.payments.CompletePaymentRefundCommand;
import dev.tenantcore.api.payments.FailPaymentOpeningCommand;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@DisplayName("A queued provider call")
class ScheduledProviderCallsTest {

    private static final TenantId ACME = TenantId.random();
    private static final PaymentId PAYMENT = PaymentId.random();
    private static final UUID REFUND = UUID.randomUUID();
    private static final ProviderCredentials CREDENTIALS = new ProviderCredentials("pk", "sk", "wh", null, null);
    private static final String REFUSAL = "The payment provider refused the request.";

    private final StubProvider provider = new StubProvider();
    private final List<Object> sent = new ArrayList<>();
    private Optional<ProviderCredentials> credentials = Optional.of(CREDENTIALS);

    private final ProviderCallRunner runner =
            new ProviderCallRunner(new PaymentProviderRegistry(List.of(provider)), kind -> credentials, sent::add);

    @AfterEach
    void leaveNoTransactionBehind() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    /** Runs one queued call as db-scheduler would, after {@code failuresSoFar} failed runs. */
    private void run(String task, String id, ProviderCall call, int failuresSoFar) {
        Execution execution = new Execution(Instant.now(), new TaskInstance<>(task, id, call));
        execution.consecutiveFailures = failuresSoFar;
        runner.run(call, new ExecutionContext(null, execution, null, null));
    }

    private void failTransiently() {
        provider.answer = () -> {
            throw new IllegalStateException("connection reset");
        };
    }

    private void refuse() {
        provider.answer = () -> {
            throw new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, REFUSAL);
        };
    }

    @Nested
    @DisplayName("to refund")
    class Refunding {

        private void refund(int failuresSoFar) {
            ScheduledProviderRefunds.Due due = new ScheduledProviderRefunds.Due(
                    ACME.toString(), PAYMENT.toString(), REFUND.toString(), "stripe", "pi_1", 1250, "EUR");
            run(ScheduledProviderRefunds.TASK, REFUND.toString(), due, failuresSoFar);
        }

        @Test
        @DisplayName("calls the provider once, outside any transaction, for the tenant, keyed by the refund id")
        void refunds() {
            refund(0);

            assertThat(provider.calls)
                    .containsExactly("refund pi_1 1250 EUR " + REFUND + " tenant " + ACME + " in tx false");
            assertThat(sent).containsExactly(new CompletePaymentRefundCommand(PAYMENT, REFUND));
        }

        @Test
        @DisplayName("never calls a provider from inside a database transaction")
        void refusesInsideATransaction() {
            TransactionSynchronizationManager.setActualTransactionActive(true);

            assertThatThrownBy(() -> refund(0)).isInstanceOf(IllegalStateException.class);
            assertThat(provider.calls).isEmpty();
            assertThat(sent).isEmpty();
        }

        @Test
        @DisplayName("reports the provider's refusal as a failed refund")
        void reportsRefusal() {
            refuse();

            refund(0);

            assertThat(sent).containsExactly(new FailPaymentRefundCommand(PAYMENT, REFUND, REFUSAL));
        }

        @Test
        @DisplayName("reports a provider that is no longer enabled as a failed refund, without calling it")
        void reportsDisabledProvider() {
            credentials = Optional.empty();

            refund(0);

            assertThat(provider.calls).isEmpty();
            assertThat(sent)
                    .containsExactly(new FailPaymentRefundCommand(
                            PAYMENT, REFUND, "Payments with stripe are not enabled here."));
        }

        @Test
        @DisplayName("leaves a transient error to the scheduler's retries, and reports it failed after the last one")
        void retriesTransientErrors() {
            failTransiently();

            assertThatThrownBy(() -> refund(0)).hasMessage("connection reset");
            assertThat(sent).isEmpty();

            refund(ProviderCallRunner.MAX_ATTEMPTS - 1);
            assertThat(provider.calls).hasSize(2);
            assertThat(sent)
                    .containsExactly(new FailPaymentRefundCommand(
                            PAYMENT, REFUND, "The refund could not be completed; try again later."));
        }
    }

    @Nested
    @DisplayName("to open a payment")
    class Opening {

        private void open(int failuresSoFar) {
            ScheduledProviderOpenings.Due due =
                    new ScheduledProviderOpenings.Due(ACME.toString(), PAYMENT.toString(), "stripe", 4029, "EUR");
            run(ScheduledProviderOpenings.TASK, PAYMENT.toString(), due, failuresSoFar);
        }

        @Test
        @DisplayName("calls the provider once, outside any transaction, for the tenant, and reports its reference")
        void opens() {
            open(0);

            assertThat(provider.calls)
                    .containsExactly("create " + PAYMENT + " 4029 EUR tenant " + ACME + " in tx false");
            assertThat(sent).containsExactly(new CompletePaymentOpeningCommand(PAYMENT, "pi_opened"));
        }

        @Test
        @DisplayName("never calls a provider from inside a database transaction")
        void refusesInsideATransaction() {
            TransactionSynchronizationManager.setActualTransactionActive(true);

            assertThatThrownBy(() -> open(0)).isInstanceOf(IllegalStateException.class);
            assertThat(provider.calls).isEmpty();
        }

        @Test
        @DisplayName("reports the provider's refusal, or an answer without a reference, as a failed opening")
        void reportsRefusal() {
            refuse();
            open(0);
            provider.answer = () -> null;
            provider.reference = null;
            open(0);

            assertThat(sent)
                    .containsExactly(
                            new FailPaymentOpeningCommand(PAYMENT, REFUSAL),
                            new FailPaymentOpeningCommand(PAYMENT, "The payment provider opened no payment."));
        }

        @Test
        @DisplayName("reports a provider that is not enabled as a failed opening, without calling it")
        void reportsDisabledProvider() {
            credentials = Optional.empty();

            open(0);

            assertThat(provider.calls).isEmpty();
            assertThat(sent)
                    .containsExactly(
                            new FailPaymentOpeningCommand(PAYMENT, "Payments with stripe are not enabled here."));
        }

        @Test
        @DisplayName("leaves a transient error to the scheduler's retries, and reports it failed after the last one")
        void retriesTransientErrors() {
            failTransiently();

            assertThatThrownBy(() -> open(0)).hasMessage("connection reset");
            assertThat(sent).isEmpty();

            open(ProviderCallRunner.MAX_ATTEMPTS - 1);
            assertThat(sent)
                    .containsExactly(
                            new FailPaymentOpeningCommand(PAYMENT, "The payment provider could not open the payment."));
        }
    }

    /** Stripe as far as opening and refunds go: records each call and what it saw, then answers as told. */
    static final class StubProvider implements PaymentProvider {

        final List<String> calls = new ArrayList<>();
        Supplier<Void> answer = () -> null;
        String reference = "pi_opened";

        @Override
        public PaymentProviderKind kind() {
            return PaymentProviderKind.STRIPE;
        }

        private void record(String call) {
            calls.add(call + " tenant " + TenantContext.current().orElseThrow() + " in tx "
                    + TransactionSynchronizationManager.isActualTransactionActive());
            answer.get();
        }

        @Override
        public void refund(ProviderCredentials credentials, String providerPaymentId, Money amount, UUID refundId) {
            record("refund " + providerPaymentId + " " + amount.amountMinor() + " " + amount.currency() + " "
                    + refundId);
        }

        @Override
        public ProviderPayment create(ProviderCredentials credentials, PaymentId paymentId, Money amount) {
            record("create " + paymentId + " " + amount.amountMinor() + " " + amount.currency());
            return new ProviderPayment(reference, "secret", null);
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
