package dev.tenantcore.infra.audit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The chain's two recurring tasks in db-scheduler: their schedules live in {@code scheduled_tasks},
 * so of several nodes exactly one runs each execution (and the chain's own progress row is locked
 * while a pass runs, so an on-demand catch-up never chains beside it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditChainProperties.class)
public class AuditChainConfiguration {

    /** The task that chains newly stored events. */
    public static final String CHAIN_TASK = "audit-chain";

    /** The task that signs a checkpoint for every tenant whose chain moved. */
    public static final String CHECKPOINT_TASK = "audit-chain-checkpoints";

    @Bean
    AuditChainBuilder auditChainBuilder(
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactions,
            AuditChainProperties settings,
            ObjectProvider<Clock> clock) {
        if (settings.batch() < 1) {
            throw new IllegalStateException("app.audit.chain.batch must be positive");
        }
        return new AuditChainBuilder(jdbc, transactions, settings, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    AuditCheckpoints auditCheckpoints(
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactions,
            AuditChain chain,
            AuditChainBuilder builder,
            CheckpointKeys keys,
            TenantDirectory directory,
            ObjectProvider<Clock> clock) {
        return new AuditCheckpoints(
                jdbc, transactions, chain, builder, keys, directory, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    RecurringTask<Void> auditChainTask(AuditChainBuilder builder, AuditChainProperties settings) {
        return Tasks.recurring(CHAIN_TASK, Schedules.fixedDelay(settings.interval()))
                .execute((instance, context) -> builder.runAll());
    }

    @Bean
    RecurringTask<Void> auditCheckpointTask(AuditCheckpoints checkpoints, AuditChainProperties settings) {
        return Tasks.recurring(CHECKPOINT_TASK, Schedules.fixedDelay(settings.checkpointInterval()))
                .execute((instance, context) -> checkpoints.takeForAll());
    }
}
