package dev.tenantcore.command.payments;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.CompletePaymentRefundCommand;
import dev.tenantcore.api.payments.FailPaymentRefundCommand;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.command.payments.model.ProviderRefunds;
import dev.tenantcore.command.payments.provider.PaymentProvider;
import dev.tenantcore.command.payments.provider.PaymentProviderRegistry;
import dev.tenantcore.command.payments.provider.ProviderCredentials;
import dev.tenantcore.command.payments.settings.PaymentProviderSettings;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds through a provider, as a transactional outbox on db-scheduler's {@code scheduled_tasks}:
 * the {@link dev.tenantcore.command.payments.model.Payment} aggregate queues one task per refund in
 * its command transaction, keyed by the refund id, and the task calls the provider afterwards on a
 * scheduler thread, outside any transaction, with the refund id as the idempotency key. The answer
 * goes back to the payment as a command. A provider's refusal is final for that refund; anything
 * else (the network, our own database) is retried with back-off a few times, then reported as a
 * failure too, so a payment never stays refund_pending for good.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledProviderRefunds {

    static final String TASK = "payment-refund";
    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ScheduledProviderRefunds.class);

    /**
     * What a queued refund carries, stored with Java serialization by db-scheduler: plain values
     * only, so the stored form depends on nothing but this record.
     */
    record Due(
            String tenantId,
            String paymentId,
            String refundId,
            String provider,
            String providerPaymentId,
            long amountMinor,
            String currency)
            implements Serializable {}

    /**
     * The task; the command gateway is looked up when a refund runs, because Axon's deadline
     * manager needs the scheduler, which needs its tasks, this one included.
     */
    @Bean
    OneTimeTask<Due> paymentRefundTask(
            PaymentProviderRegistry providers,
            PaymentProviderSettings settings,
            PlatformTransactionManager transactionManager,
            ObjectProvider<CommandGateway> commands) {
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        Refunder refunder = new Refunder(
                providers,
                // A short transaction of its own for the tenant's settings, closed before the call.
                kind -> tx.execute(status -> settings.credentials(kind)),
                command -> commands.getObject().sendAndWait(command));
        return Tasks.oneTime(TASK, Due.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(FIRST_RETRY))
                .execute(refunder::run);
    }

    @Bean
    ProviderRefunds providerRefunds(OneTimeTask<Due> paymentRefundTask, @Lazy SchedulerClient scheduler) {
        return request -> {
            Due due = new Due(
                    request.tenantId().toString(),
                    request.paymentId().toString(),
                    request.refundId().toString(),
                    request.provider().wireName(),
                    request.providerPaymentId(),
                    request.amount().amountMinor(),
                    request.amount().currency());
            // Joins the command's transaction (the scheduler's data source is transaction-aware):
            // rolled back with the refund-requested event if that does not commit.
            scheduler.scheduleIfNotExists(paymentRefundTask.instance(due.refundId(), due), Instant.now());
        };
    }

    /** Runs one queued refund. */
    static final class Refunder {

        private final PaymentProviderRegistry providers;
        private final Function<PaymentProviderKind, Optional<ProviderCredentials>> credentials;
        private final Consumer<Object> commands;

        /**
         * @param credentials the current tenant's credentials of a provider, if it is enabled
         * @param commands sends a command and waits for it to be handled
         */
        Refunder(
                PaymentProviderRegistry providers,
                Function<PaymentProviderKind, Optional<ProviderCredentials>> credentials,
                Consumer<Object> commands) {
            this.providers = providers;
            this.credentials = credentials;
            this.commands = commands;
        }

        void run(TaskInstance<Due> instance, ExecutionContext context) {
            Due due = instance.getData();
            PaymentId paymentId = new PaymentId(UUID.fromString(due.paymentId()));
            UUID refundId = UUID.fromString(due.refundId());
            PaymentProviderKind kind = PaymentProviderKind.fromWireName(due.provider());
            try (var scope = TenantContext.enter(TenantId.of(due.tenantId()), null)) {
                Optional<String> refusal = refund(due, kind, refundId);
                commands.accept(
                        refusal.isEmpty()
                                ? new CompletePaymentRefundCommand(paymentId, refundId)
                                : new FailPaymentRefundCommand(paymentId, refundId, refusal.get()));
            } catch (RuntimeException e) {
                if (context.getExecution().consecutiveFailures + 1 < MAX_ATTEMPTS) {
                    throw e; // retried by db-scheduler with back-off
                }
                log.error("refund {} of payment {} gave up after {} attempts", refundId, paymentId, MAX_ATTEMPTS, e);
                try (var scope = TenantContext.enter(TenantId.of(due.tenantId()), null)) {
                    commands.accept(new FailPaymentRefundCommand(
                            paymentId, refundId, "The refund could not be completed; try again later."));
                }
            }
        }

        /** Asks the provider; empty when it refunded, else why not. Throws for what may pass. */
        private Optional<String> refund(Due due, PaymentProviderKind kind, UUID refundId) {
            PaymentProvider provider = providers.find(kind).orElse(null);
            Optional<ProviderCredentials> enabled = credentials.apply(kind);
            if (provider == null || enabled == null || enabled.isEmpty()) {
                log.warn("cannot refund through {}: the provider is not enabled", kind.wireName());
                return Optional.of("Payments with " + kind.wireName() + " are not enabled here.");
            }
            // A provider call may take seconds; inside a transaction it would hold a connection and
            // locks that long, and a rollback could not undo the money moved. Fail loudly instead.
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalStateException("A payment provider must not be called inside a transaction.");
            }
            try {
                provider.refund(
                        enabled.get(), due.providerPaymentId(), Money.of(due.amountMinor(), due.currency()), refundId);
                return Optional.empty();
            } catch (DomainException e) {
                // The driver's answer (logged there, never with a credential): final for this refund.
                return Optional.of(e.getMessage());
            }
        }
    }
}
