package dev.tenantcore.command.crm.channel;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.infra.persistence.AfterCommit;
import java.io.Serializable;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Inbound attachments to fetch, as a transactional outbox on db-scheduler's {@code scheduled_tasks}
 * like {@link ScheduledChannelSends}: one task per message, keyed by the message id, queued with the
 * message and run by {@link InboundMediaRunner} on a scheduler thread once committed, never in the
 * webhook's request and never in an event processor other tenants share.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledInboundMedia {

    static final String TASK = "channel-inbound-media";

    /** An attachment to fetch; db-scheduler stores it with Java serialization, so it holds plain values. */
    record Due(
            String tenantId,
            String conversationId,
            String messageId,
            String channelId,
            String kind,
            String mediaType,
            String mediaRef)
            implements Serializable {}

    @Bean
    OneTimeTask<Due> inboundMediaTask(InboundMediaRunner runner) {
        return runner.task(TASK);
    }

    @Bean
    InboundMediaFetches inboundMediaFetches(OneTimeTask<Due> inboundMediaTask, @Lazy Scheduler scheduler) {
        return (tenant, channel, kind, message) -> {
            Due due = new Due(
                    tenant.toString(),
                    message.conversationId().toString(),
                    message.messageId().toString(),
                    channel.toString(),
                    kind.wireName(),
                    message.mediaType(),
                    message.mediaRef());
            scheduler.scheduleIfNotExists(inboundMediaTask.instance(due.messageId(), due), Instant.now());
            AfterCommit.run(scheduler::triggerCheckForDueExecutions);
        };
    }
}
