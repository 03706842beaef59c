package dev.tenantcore.infra.retention;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.tenantcore.infra.security.SecurityProperties;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The purge as a db-scheduler recurring task: its schedule lives in {@code scheduled_tasks}, so of
 * several nodes exactly one runs each purge, and a node that dies mid-run has it run again.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionConfiguration {

    /** The task's name in {@code scheduled_tasks}; its one instance is {@link RecurringTask#INSTANCE}. */
    public static final String TASK = "retention-purge";

    @Bean
    RetentionPurge retentionPurge(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            TenantDirectory directory,
            RetentionProperties retention,
            SecurityProperties tokens) {
        return new RetentionPurge(jdbc, transactionManager, directory, retention, tokens);
    }

    @Bean
    RecurringTask<Void> retentionPurgeTask(RetentionPurge purge, RetentionProperties retention) {
        return Tasks.recurring(TASK, Schedules.fixedDelay(retention.interval()))
                .execute((instance, context) -> purge.purgeAll());
    }
}
