package dev.tenantcore.command.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.CompletePaymentCancellationCommand;
import dev.tenantcore.api.payments.CompletePaymentOpeningCommand;
import dev.tenantcore.api.payments.CompletePaymentRefundCommand;
import dev.tenantcore.api.payments.FailPaymentCancellationCommand;
import dev.tenantcore.api.payments.FailPaymentOpeningCommand;
import dev.tenantcore.api.payments.FailPaymentRefundCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.PaymentProviderRegistry;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
            runner(new ProviderCallLimits(2, 6, Duration.ofSeconds(15), Duration.ofSeconds(1)));

    private ProviderCallRunner runner(ProviderCallLimits limits) {
        return new ProviderCallRunner(
                new PaymentProviderRegistry(List.of(provider)), kind -> credentials, sent::add, limits);
    }

    @AfterEach
    void leaveNoTransactionBehind() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    /** Runs one queued call as db-scheduler would, after {@code failuresSoFar} failed runs. */
    private void run(ProviderCall call, int failuresSoFar) {
        runner.run(call, context(call, failuresSoFar));
    }

    private static ExecutionContext context(ProviderCall call, int failuresSoFar) {
        Execution execution = new Execution(Instant.now(), new TaskInstance<>("provider-call", "1", call));
        execution.consecutiveFailures = failuresSoFar;
        return new ExecutionContext(null, execution, null, null);
    }

    /**
     * One kind of queued call: what the provider is asked, what reports success, and what reports a
     * refusal with a given reason.
     */
    record Kind(String name, ProviderCall call, String asked, Object succeeded, Function<String, Object> refused) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind(
                        "a refund",
                        new ScheduledProviderRefunds.Due(
                                ACME.toString(), PAYMENT.toString(), REFUND.toString(), "stripe", "pi_1", 1250, "EUR"),
                        "refund pi_1 1250 EUR " + REFUND,
                        new CompletePaymentRefundCommand(PAYMENT, REFUND),
                        reason -> new FailPaymentRefundCommand(PAYMENT, REFUND, reason)),
                new Kind(
                        "an opening",
                        new ScheduledProviderOpenings.Due(ACME.toString(), PAYMENT.toString(), "stripe", 4029, "EUR"),
                        "create " + PAYMENT + " 4029 EUR",
                        new CompletePaymentOpeningCommand(PAYMENT, "pi_opened"),
                        reason -> new FailPaymentOpeningCommand(PAYMENT, reason)),
                new Kind(
                        "a cancellation",
                        new ScheduledProviderCancellations.Due(ACME.toString(), PAYMENT.toString(), "stripe", "pi_1"),
                        "cancel pi_1",
                        new CompletePaymentCancellationCommand(PAYMENT),
                        reason -> new FailPaymentCancellationCommand(PAYMENT, reason)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName("calls the provider once, outside any transaction, for the tenant, and reports its answer")
    void calls(Kind kind) {
        run(kind.call(), 0);

        assertThat(provider.calls).containsExactly(kind.asked() + " tenant " + ACME + " in tx false");
        assertThat(sent).containsExactly(kind.succeeded());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName("never calls a provider from inside a database transaction")
    void refusesInsideATransaction(Kind kind) {
        TransactionSynchronizationManager.setActualTransactionActive(true);

        assertThatThrownBy(() -> run(kind.call(), 0)).isInstanceOf(IllegalStateException.class);
        assertThat(provider.calls).isEmpty();
        assertThat(sent).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName("reports the provider's refusal as final")
    void reportsRefusal(Kind kind) {
        provider.answer = () -> {
            throw new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, REFUSAL);
        };

        run(kind.call(), 0);

        assertThat(sent).containsExactly(kind.refused().apply(REFUSAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName("reports a provider that is not enabled as a refusal, without calling it")
    void reportsDisabledProvider(Kind kind) {
        credentials = Optional.empty();

        run(kind.call(), 0);

        assertThat(provider.calls).isEmpty();
        assertThat(sent).containsExactly(kind.refused().apply("Payments with stripe are not enabled here."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName("leaves a transient error to the scheduler's retries, and reports a refusal after the last one")
    void retriesTransientErrors(Kind kind) {
        provider.answer = () -> {
            throw new IllegalStateException("connection reset");
        };

        assertThatThrownBy(() -> run(kind.call(), 0)).hasMessage("connection reset");
        assertThat(sent).isEmpty();

        run(kind.call(), ProviderCallRunner.MAX_ATTEMPTS - 1);
        assertThat(provider.calls).hasSize(2);
        assertThat(sent).containsExactly(kind.refused().apply(kind.call().gaveUp()));
    }

    @Test
    @DisplayName("the reasons given up with say what could not be done")
    void gaveUpReasons() {
        assertThat(kinds().map(kind -> kind.call().gaveUp()))
                .containsExactly(
                        "The refund could not be completed; try again later.",
                        "The payment provider could not open the payment.",
                        "The payment provider could not be asked to close the payment.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName(
            "treats a call that ran out of time as transient, even when the driver reported the cut connection as a refusal")
    void retriesCallsThatRanOutOfTime(Kind kind) {
        // A limit that has passed before the provider answers: the driver's refusal is the cut call.
        ProviderCallRunner hurried = runner(new ProviderCallLimits(2, 6, Duration.ofNanos(1), Duration.ofSeconds(1)));
        provider.answer = () -> {
            throw new DomainException(ErrorCode.PAYMENT_PROVIDER_FAILED, REFUSAL);
        };

        assertThatThrownBy(() -> hurried.run(kind.call(), context(kind.call(), 0)))
                .isInstanceOf(ProviderCallRunner.ProviderCallTimedOut.class)
                .hasMessage("stripe did not answer within PT0.000000001S");
        assertThat(sent).isEmpty();

        hurried.run(kind.call(), context(kind.call(), ProviderCallRunner.MAX_ATTEMPTS - 1));
        assertThat(sent).containsExactly(kind.refused().apply(kind.call().gaveUp()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName(
            "puts a call off, without calling the provider, while its tenant's calls fill their places; other tenants' calls still run")
    void putsOffCallsOverTheTenantsLimit(Kind kind) {
        ProviderCallRunner oneEach =
                runner(new ProviderCallLimits(1, 6, Duration.ofSeconds(15), Duration.ofSeconds(1)));
        ProviderCall another = kind.call().afterFailures(0);
        ProviderCall globex = new ScheduledProviderOpenings.Due(
                TenantId.random().toString(), PaymentId.random().toString(), "stripe", 100, "EUR");
        List<CompletionHandler<ProviderCall>> whileBusy = new ArrayList<>();
        // While ACME's call is at its provider, another of ACME's comes up, and one of another tenant.
        provider.answer = () -> {
            if (whileBusy.isEmpty()) {
                whileBusy.add(oneEach.attempt(another, context(another, 2)));
                whileBusy.add(oneEach.attempt(globex, context(globex, 0)));
            }
            return null;
        };

        Instant before = Instant.now();
        CompletionHandler<ProviderCall> first = oneEach.attempt(kind.call(), context(kind.call(), 0));

        assertThat(first).isInstanceOf(CompletionHandler.OnCompleteRemove.class);
        assertThat(whileBusy.get(0))
                .as("ACME's second call goes back to the queue for a moment, its two failed attempts kept")
                .isInstanceOfSatisfying(ProviderCallRunner.PutOff.class, putOff -> {
                    assertThat(putOff.until())
                            .isBetween(before.plusSeconds(1), Instant.now().plusMillis(1600));
                    assertThat(((ProviderCall) putOff.call()).failedBefore()).isEqualTo(2);
                });
        assertThat(whileBusy.get(1)).isInstanceOf(CompletionHandler.OnCompleteRemove.class);
        assertThat(provider.calls)
                .as("ACME's first call and the other tenant's")
                .hasSize(2);

        // Its place is free again once the first call ended.
        assertThat(oneEach.attempt(another, context(another, 0)))
                .isInstanceOf(CompletionHandler.OnCompleteRemove.class);
    }

    @Test
    @DisplayName("counts the attempts that failed before a call was put off towards its last attempt")
    void keepsFailedAttemptsAcrossPutOffs() {
        ProviderCall call = kinds().toList().get(1).call().afterFailures(ProviderCallRunner.MAX_ATTEMPTS - 2);
        provider.answer = () -> {
            throw new IllegalStateException("connection reset");
        };

        run(call, 1);

        assertThat(sent).containsExactly(new FailPaymentOpeningCommand(PAYMENT, call.gaveUp()));
    }

    @Test
    @DisplayName("an opening the provider answers without a reference is reported as refused")
    void openingWithoutReference() {
        provider.reference = null;

        run(kinds().toList().get(1).call(), 0);

        assertThat(sent)
                .containsExactly(new FailPaymentOpeningCommand(PAYMENT, "The payment provider opened no payment."));
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
        public void cancel(ProviderCredentials credentials, String providerPaymentId) {
            record("cancel " + providerPaymentId);
        }

        @Override
        public ProviderEvent verifyWebhook(
                ProviderCredentials credentials, Map<String, String> headers, String payload) {
            throw new UnsupportedOperationException();
        }
    }
}
