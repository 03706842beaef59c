package dev.tenantcore.command.tenancy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.EndTenantTrialCommand;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Trials end on a recurring db-scheduler sweep (one node runs each execution): it asks each tenant
 * whose trial is due to end it, and the aggregate decides. A sweep rather than one timer per trial,
 * so a change of the application's clock (tests) or a node that was down when a trial ran out
 * changes nothing but when the next sweep notices.
 */
@Configuration(proxyBeanMethods = false)
class TrialTasks {

    static final String SWEEP = "trial-expiry";
    private static final Logger log = LoggerFactory.getLogger(TrialTasks.class);

    /** The command gateway is looked up when the task runs: Axon's deadline manager needs the scheduler. */
    @Bean
    RecurringTask<Void> trialExpiryTask(
            Trials trials,
            SignUpSettings settings,
            ObjectProvider<CommandGateway> commands,
            ObjectProvider<Clock> clock) {
        Clock now = clock.getIfAvailable(Clock::systemUTC);
        return Tasks.recurring(SWEEP, FixedDelay.of(settings.getTrialSweepInterval()))
                .execute((instance, context) -> sweep(trials, commands.getObject(), now.instant()));
    }

    /** Ends due trials ({@link BatchSweep}: a failure waits for the next sweep). */
    static int sweep(Trials trials, CommandGateway commands, Instant now) {
        int ended = BatchSweep.run(
                limit -> trials.due(now, limit),
                tenant -> {
                    // Sent in the platform scope: ending a trial is the platform's decision.
                    try (var scope = TenantContext.enter(TenantId.PLATFORM, null)) {
                        commands.sendAndWait(new EndTenantTrialCommand(tenant, now));
                    }
                },
                tenant -> "end the trial of tenant " + tenant);
        if (ended > 0) {
            log.info("ended {} trials", ended);
        }
        return ended;
    }
}
