package dev.tenantcore.command.tenancy;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.ReleaseTenantDomainClaimCommand;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Unverified claims end on db-scheduler (one node runs each execution): a recurring sweep finds
 * expired claims, and a one-time task, queued in the transaction of a proof, tells each tenant whose
 * claim the proof ended. Either way the tenant's own aggregate records why, in a command sent in
 * that tenant's name, so its transaction runs under that tenant's row-level security.
 */
@Configuration(proxyBeanMethods = false)
class DomainClaimTasks {

    static final String SWEEP = "domain-claim-expiry";
    static final String LAPSED = "domain-claim-lapsed";

    private static final Logger log = LoggerFactory.getLogger(DomainClaimTasks.class);

    /** A claim another tenant's proof ended; its class name is part of what db-scheduler stores. */
    record Lapsed(String tenantId, String domain) implements Serializable {

        /** One task per tenant and name, whatever the name's length. */
        String id() {
            return UUID.nameUUIDFromBytes((tenantId + "/" + domain).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
    }

    /** The command gateway is looked up when a task runs: Axon's deadline manager needs the scheduler. */
    @Bean
    OneTimeTask<Lapsed> lapsedDomainClaimTask(ObjectProvider<CommandGateway> commands) {
        return Tasks.oneTime(LAPSED, Lapsed.class)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(
                        10, new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(10))))
                .execute((instance, context) -> release(
                        commands.getObject(),
                        new DomainClaims.Claim(
                                TenantId.of(instance.getData().tenantId()),
                                instance.getData().domain())));
    }

    @Bean
    RecurringTask<Void> domainClaimExpiryTask(
            DomainClaims claims, DomainSettings settings, ObjectProvider<CommandGateway> commands) {
        return Tasks.recurring(SWEEP, FixedDelay.of(settings.getClaimSweepInterval()))
                .execute((instance, context) -> sweep(claims, commands.getObject()));
    }

    /** Releases expired claims ({@link BatchSweep}: a failed release waits for the next sweep). */
    static int sweep(DomainClaims claims, CommandGateway commands) {
        int released = BatchSweep.run(
                claims::expired,
                claim -> release(commands, claim),
                claim -> "release the expired claim of tenant " + claim.tenant() + " on " + claim.domain());
        if (released > 0) {
            log.info("released {} expired unverified domain claims", released);
        }
        return released;
    }

    private static void release(CommandGateway commands, DomainClaims.Claim claim) {
        try (var scope = TenantContext.enter(claim.tenant(), null)) {
            commands.sendAndWait(new ReleaseTenantDomainClaimCommand(claim.tenant(), claim.domain()));
        }
    }
}
