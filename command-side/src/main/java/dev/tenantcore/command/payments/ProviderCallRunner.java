package dev.tenantcore.command.payments;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.PaymentProviderRegistry;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs one provider call a payment queued (see {@link QueuedProviderCalls}) on a scheduler thread:
 * in the payment's tenant, with that tenant's credentials, outside any transaction, and reports the
 * outcome to the payment as a command. A provider's refusal is final for that call; anything else
 * (the network, our own database) is retried by db-scheduler with back-off a few times, then
 * reported as a refusal too, so a payment never waits for its provider for good.
 */
final class ProviderCallRunner {

    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ProviderCallRunner.class);

    private final PaymentProviderRegistry providers;
    private final Function<PaymentProviderKind, Optional<ProviderCredentials>> credentials;
    private final Consumer<Object> commands;

    /**
     * @param credentials the current tenant's credentials of a provider, if it is enabled
     * @param commands sends a command and waits for it to be handled
     */
    ProviderCallRunner(
            PaymentProviderRegistry providers,
            Function<PaymentProviderKind, Optional<ProviderCredentials>> credentials,
            Consumer<Object> commands) {
        this.providers = providers;
        this.credentials = credentials;
        this.commands = commands;
    }

    /** The task that runs queued calls of {@code type}, retried with back-off while a run throws. */
    <T extends ProviderCall> OneTimeTask<T> task(String name, Class<T> type) {
        return Tasks.oneTime(name, type)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(FIRST_RETRY))
                .execute((instance, context) -> run(instance.getData(), context));
    }

    /** Runs {@code call} once; throws to have db-scheduler run it again later. */
    void run(ProviderCall call, ExecutionContext context) {
        PaymentProviderKind kind = PaymentProviderKind.fromWireName(call.provider());
        TenantId tenantId = TenantId.of(call.tenantId());
        try (var scope = TenantContext.enter(tenantId, null)) {
            commands.accept(ask(kind, call));
        } catch (RuntimeException e) {
            if (context.getExecution().consecutiveFailures + 1 < MAX_ATTEMPTS) {
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
        try {
            return call.ask(provider, enabled.get());
        } catch (DomainException e) {
            // The driver's answer (logged there, never with a credential): final for this call.
            return call.refused(e.getMessage());
        }
    }
}
