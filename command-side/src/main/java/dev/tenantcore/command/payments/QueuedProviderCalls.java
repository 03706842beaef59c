package dev.tenantcore.command.payments;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.command.payments.model.ProviderCalls;
import dev.tenantcore.command.payments.provider.PaymentProviderRegistry;
import dev.tenantcore.command.payments.settings.PaymentProviderSettings;
import dev.tenantcore.infra.persistence.AfterCommit;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The payments' provider calls as a transactional outbox on db-scheduler's {@code scheduled_tasks}:
 * a call is queued in the transaction of the command that needs it (the scheduler's data source is
 * transaction-aware), so it is rolled back with that command's events, and run once committed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderCallLimits.class)
class QueuedProviderCalls {

    /**
     * Runs the calls; the command gateway is looked up when a call runs, because Axon's deadline
     * manager needs the scheduler, which needs its tasks, and they need this.
     */
    @Bean
    ProviderCallRunner providerCallRunner(
            PaymentProviderRegistry providers,
            PaymentProviderSettings settings,
            ObjectProvider<CommandGateway> commands,
            ProviderCallLimits limits,
            @Value("${db-scheduler.threads:10}") int schedulerThreads) {
        // Provider calls may each hold a scheduler thread up to their time limit: some threads must
        // stay free for payment windows and the rest of the scheduled work.
        if (limits.total() >= schedulerThreads) {
            throw new IllegalStateException("app.payments.provider-calls.total (" + limits.total()
                    + ") must be below db-scheduler.threads (" + schedulerThreads + ")");
        }
        return new ProviderCallRunner(
                providers,
                // In a short transaction of its own, closed before the call.
                settings::credentials,
                command -> commands.getObject().sendAndWait(command),
                limits);
    }

    @Bean
    ProviderCalls providerCalls(
            OneTimeTask<ScheduledProviderOpenings.Due> paymentOpeningTask,
            OneTimeTask<ScheduledProviderRefunds.Due> paymentRefundTask,
            OneTimeTask<ScheduledProviderCancellations.Due> paymentCancellationTask,
            @Lazy Scheduler scheduler) {
        return new ProviderCalls() {
            @Override
            public void open(Opening opening) {
                ScheduledProviderOpenings.Due due = new ScheduledProviderOpenings.Due(
                        opening.tenantId().toString(),
                        opening.paymentId().toString(),
                        opening.provider().wireName(),
                        opening.amount().amountMinor(),
                        opening.amount().currency());
                queue(scheduler, paymentOpeningTask.instance(due.paymentId(), due));
            }

            @Override
            public void refund(Refund refund) {
                ScheduledProviderRefunds.Due due = new ScheduledProviderRefunds.Due(
                        refund.tenantId().toString(),
                        refund.paymentId().toString(),
                        refund.refundId().toString(),
                        refund.provider().wireName(),
                        refund.providerPaymentId(),
                        refund.amount().amountMinor(),
                        refund.amount().currency());
                queue(scheduler, paymentRefundTask.instance(due.refundId(), due));
            }

            @Override
            public void cancel(Cancellation cancellation) {
                ScheduledProviderCancellations.Due due = new ScheduledProviderCancellations.Due(
                        cancellation.tenantId().toString(),
                        cancellation.paymentId().toString(),
                        cancellation.provider().wireName(),
                        cancellation.providerPaymentId());
                queue(scheduler, paymentCancellationTask.instance(due.paymentId(), due));
            }
        };
    }

    /**
     * Queues {@code call} to run now. The scheduler looks for due work only every few seconds, and a
     * buyer may be waiting for the payment to open: once the call is committed, and so visible to
     * the scheduler, it is asked to look at once.
     */
    private static void queue(Scheduler scheduler, TaskInstance<?> call) {
        scheduler.scheduleIfNotExists(call, Instant.now());
        AfterCommit.run(scheduler::triggerCheckForDueExecutions);
    }
}
