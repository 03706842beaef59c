package dev.tenantcore.command.tenancy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.ExpireTenantSignUpCommand;
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
 * Sign-ups never verified expire on a recurring db-scheduler sweep (one node runs each execution),
 * as trials end ({@link TrialTasks}): the window is read when the sweep runs, so a changed setting
 * applies to sign-ups already waiting, and the aggregate decides each one.
 */
@Configuration(proxyBeanMethods = false)
class SignUpTasks {

    static final String SWEEP = "sign-up-expiry";
    private static final Logger log = LoggerFactory.getLogger(SignUpTasks.class);

    /** The command gateway is looked up when the task runs: Axon's deadline manager needs the scheduler. */
    @Bean
    RecurringTask<Void> signUpExpiryTask(
            PendingSignUps signUps,
            SignUpSettings settings,
            ObjectProvider<CommandGateway> commands,
            ObjectProvider<Clock> clock) {
        Clock now = clock.getIfAvailable(Clock::systemUTC);
        return Tasks.recurring(SWEEP, FixedDelay.of(settings.getExpirySweepInterval()))
                .execute((instance, context) -> sweep(signUps, settings, commands.getObject(), now.instant()));
    }

    /** Expires lapsed sign-ups ({@link BatchSweep}: a failure waits for the next sweep). */
    static int sweep(PendingSignUps signUps, SignUpSettings settings, CommandGateway commands, Instant now) {
        Instant requestedBefore = now.minus(settings.getVerificationWindow());
        int expired = BatchSweep.run(
                limit -> signUps.lapsed(requestedBefore, now, limit),
                tenant -> {
                    // Sent in the platform scope: the platform gives up on the sign-up.
                    try (var scope = TenantContext.enter(TenantId.PLATFORM, null)) {
                        commands.sendAndWait(new ExpireTenantSignUpCommand(tenant, now));
                    }
                },
                tenant -> "expire the sign-up of tenant " + tenant);
        if (expired > 0) {
            log.info("looked at {} lapsed sign-ups", expired);
        }
        return expired;
    }
}
