package dev.tenantcore.command.automations;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.infra.persistence.AfterCommit;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Queues a run's next steps as a db-scheduler task ({@code automation-step}, keyed by the run and a
 * wake-up number) in the caller's transaction: the task exists once the run does, and survives a
 * restart, a wait of thirty days included.
 */
@Component
class RuleSteps {

    static final String TASK = "automation-step";

    /** A run to go on with; db-scheduler stores it with Java serialization, so it holds plain values. */
    record Due(String tenantId, String runId) implements Serializable {}

    private final OneTimeTask<Due> task;
    private final Scheduler scheduler;

    RuleSteps(OneTimeTask<Due> automationStepTask, @Lazy Scheduler scheduler) {
        this.task = automationStepTask;
        this.scheduler = scheduler;
    }

    /** Goes on with the run now (once committed). */
    void queue(UUID run) {
        at(run, Instant.now(), "start");
    }

    /** Goes on with the run at {@code due}; {@code key} tells one wake-up of the run from another. */
    void at(UUID run, Instant due, String key) {
        String tenant = TenantContext.current().orElseThrow().toString();
        scheduler.scheduleIfNotExists(task.instance(run + ":" + key, new Due(tenant, run.toString())), due);
        AfterCommit.run(scheduler::triggerCheckForDueExecutions);
    }
}
