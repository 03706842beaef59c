package dev.tenantcore.command.payments;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.PaymentProviderRegistry;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.infra.http.OutboundDeadline;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs one provider call a payment queued (see {@link QueuedProviderCalls}) on a scheduler thread:
 * in the payment's tenant, with that tenant's credentials, outside any transaction, and reports the
 * outcome to the payment as a command. A provider's refusal is final for that call; anything else
 * (the network, our own database, the call's time limit) is retried by db-scheduler with back-off a
 * few times, then reported as a refusal too, so a payment never waits for its provider for good.
 *
 * <p>One tenant's provider must not slow the others': a call runs only when its tenant has a free
 * place in the {@link ProviderCallBulkheads} (otherwise it goes back to the queue for a moment,
 * holding no thread), and everything it sends ends within the time limit ({@link
 * OutboundDeadline}), connection, headers and body, however slowly the provider answers.
 */
final class ProviderCallRunner {

    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ProviderCallRunner.class);

    private final PaymentProviderRegistry providers;
    private final Function<PaymentProviderKind, Optional<ProviderCredentials>> credentials;
    private final Consumer<Object> commands;
    private final ProviderCallBulkheads bulkheads;
    private final ProviderCallLimits limits;

    /**
     * @param credentials the current tenant's credentials of a provider, if it is enabled
     * @param commands sends a command and waits for it to be handled
     */
    ProviderCallRunner(
            PaymentProviderRegistry providers,
            Function<PaymentProviderKind, Optional<ProviderCredentials>> credentials,
            Consumer<Object> commands,
            ProviderCallLimits limits) {
        this.providers = providers;
        this.credentials = credentials;
        this.commands = commands;
        this.limits = limits;
        this.bulkheads = new ProviderCallBulkheads(limits.perTenant(), limits.total());
    }

    /** The task that runs queued calls of {@code type}, retried with back-off while a run throws. */
    <T extends ProviderCall> OneTimeTask<T> task(String name, Class<T> type) {
        return new OneTimeTask<>(name, type, new FailureHandler.ExponentialBackoffFailureHandler<>(FIRST_RETRY)) {
            @Override
            public CompletionHandler<T> execute(TaskInstance<T> instance, ExecutionContext context) {
                return attempt(instance.getData(), context);
            }

            @Override
            public void executeOnce(TaskInstance<T> instance, ExecutionContext context) {
                throw new UnsupportedOperationException("runs through execute");
            }
        };
    }

    /**
     * Runs {@code call} if its tenant has a free place, else puts it off for a moment; throws to have
     * db-scheduler run it again later.
     */
    <T extends ProviderCall> CompletionHandler<T> attempt(T call, ExecutionContext context) {
        Optional<ProviderCallBulkheads.Place> place = bulkheads.enter(call.tenantId());
        if (place.isEmpty()) {
            // Back to the queue, the failed attempts so far kept with it: being put off is no attempt,
            // and db-scheduler forgets its own count when a run completes.
            @SuppressWarnings("unchecked")
            T later = (T) call.afterFailures(attemptsFailed(call, context));
            return new PutOff<>(Instant.now().plus(putOff()), later);
        }
        try (ProviderCallBulkheads.Place held = place.get()) {
            run(call, context);
        }
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /** Runs {@code call} once; throws to have db-scheduler run it again later. */
    void run(ProviderCall call, ExecutionContext context) {
        PaymentProviderKind kind = PaymentProviderKind.fromWireName(call.provider());
        TenantId tenantId = TenantId.of(call.tenantId());
        try (var scope = TenantContext.enter(tenantId, null)) {
            commands.accept(ask(kind, call));
        } catch (RuntimeException e) {
            if (attemptsFailed(call, context) + 1 < MAX_ATTEMPTS) {
                throw e; // retried by db-scheduler with back-off
            }
            log.error("{} call for tenant {} gave up after {} attempts", kind.wireName(), tenantId, MAX_ATTEMPTS, e);
            try (var scope = TenantContext.enter(tenantId, null)) {
                commands.accept(call.refused(call.gaveUp()));
            }
        }
    }

    /** The command that reports what the provider answered. Throws for what may pass. */
    private Object ask(PaymentProviderKind kind, ProviderCall call) {
        PaymentProvider provider = providers.find(kind).orElse(null);
        Optional<ProviderCredentials> enabled = credentials.apply(kind);
        if (provider == null || enabled == null || enabled.isEmpty()) {
            log.warn("cannot call {}: the provider is not enabled", kind.wireName());
            return call.refused("Payments with " + kind.wireName() + " are not enabled here.");
        }
        // A provider call may take seconds; inside a transaction it would hold a connection and
        // locks that long, and a rollback could not undo the money moved. Fail loudly instead.
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A payment provider must not be called inside a transaction.");
        }
        try (OutboundDeadline deadline = OutboundDeadline.start(limits.timeLimit())) {
            try {
                return call.ask(provider, enabled.get());
            } catch (RuntimeException e) {
                if (deadline.passed()) {
                    // Drivers report a cut connection as the provider's failure; running out of time
                    // says nothing about the provider's answer, so the call is tried again.
                    throw new ProviderCallTimedOut(kind, limits.timeLimit(), e);
                }
                if (e instanceof DomainException) {
                    // The driver's answer (logged there, never with a credential): final for this call.
                    return call.refused(e.getMessage());
                }
                throw e;
            }
        }
    }

    private static int attemptsFailed(ProviderCall call, ExecutionContext context) {
        return call.failedBefore() + context.getExecution().consecutiveFailures;
    }

    /** A little spread, so calls put off together do not all come back in the same instant. */
    private Duration putOff() {
        long millis = limits.putOff().toMillis();
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    /** Back to the queue until {@code until}, as {@code call}. */
    record PutOff<T>(Instant until, T call) implements CompletionHandler<T> {

        @Override
        public void complete(ExecutionComplete complete, ExecutionOperations<T> operations) {
            operations.reschedule(complete, until, call);
        }
    }

    /** A provider call that ran out of time: transient, retried like an unreachable provider. */
    static final class ProviderCallTimedOut extends RuntimeException {

        ProviderCallTimedOut(PaymentProviderKind kind, Duration limit, Throwable cause) {
            super(kind.wireName() + " did not answer within " + limit, cause);
        }
    }
}
