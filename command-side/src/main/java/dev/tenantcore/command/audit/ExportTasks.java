package dev.tenantcore.command.audit;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.audit.ChainHeads;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Exports run on db-scheduler: queued in the transaction that records the export, kept in the
 * database across a restart, picked by one node. A task runs in the export's tenant, so everything
 * it reads and writes is under that tenant's row-level security; after the export it carries on with
 * the tenant's offboarding, if the export was one's.
 */
@Configuration(proxyBeanMethods = false)
class ExportTasks {

    static final String TASK = "audit-export";

    /** One export to build; its class name is part of what db-scheduler stores. */
    record Job(String tenantId, String exportId) implements Serializable {}

    /**
     * The collaborators are looked up when a task runs: they need the scheduler, which needs its
     * tasks. A failure the export itself did not record (the database gone, say) is tried again.
     */
    @Bean
    OneTimeTask<Job> auditExportTask(ObjectProvider<AuditExports> exports, ObjectProvider<Offboardings> offboardings) {
        return Tasks.oneTime(TASK, Job.class)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(
                        5, new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(10))))
                .execute((instance, context) -> {
                    TenantId tenant = TenantId.of(instance.getData().tenantId());
                    UUID export = UUID.fromString(instance.getData().exportId());
                    String status;
                    try (var scope = TenantContext.enter(tenant, null)) {
                        status = exports.getObject().run(export);
                    }
                    offboardings.getObject().exportOver(tenant, export, status);
                });
    }

    /**
     * Until the tenant's hash chain is computed, no export has a head to name: manifests say {@code
     * null}. The chain's own bean replaces this one.
     */
    @Bean
    @ConditionalOnMissingBean(ChainHeads.class)
    ChainHeads noChainHeads() {
        return position -> Optional.empty();
    }
}
