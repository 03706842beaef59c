package dev.tenantcore.command.crm.channel;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.infra.persistence.AfterCommit;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Outbound messages as a transactional outbox on db-scheduler's {@code scheduled_tasks}: one task per
 * message, keyed by the message id, queued in the transaction of the command that records the
 * message (the scheduler's data source joins it), and run by {@link ChannelSendRunner} once
 * committed, on a scheduler thread, never in an event processor other tenants share.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledChannelSends {

    static final String TASK = "channel-send";

    /** A queued message; db-scheduler stores it with Java serialization, so it holds plain values. */
    record Due(
            String tenantId,
            String conversationId,
            String messageId,
            String channelId,
            String kind,
            String to,
            String text,
            String mediaUrl,
            String templateName,
            String templateLanguage,
            ArrayList<String> templateParameters)
            implements Serializable {}

    @Bean
    OneTimeTask<Due> channelSendTask(ChannelSendRunner runner) {
        return runner.task(TASK);
    }

    @Bean
    ChannelSends channelSends(OneTimeTask<Due> channelSendTask, @Lazy Scheduler scheduler) {
        return (TenantId tenant, OutboundMessageRequestedEvent message) -> {
            List<String> parameters =
                    message.template() == null || message.template().parameters() == null
                            ? List.of()
                            : message.template().parameters();
            Due due = new Due(
                    tenant.toString(),
                    message.conversationId().toString(),
                    message.messageId().toString(),
                    message.channelId().toString(),
                    message.kind().wireName(),
                    message.channelUserId(),
                    message.text(),
                    message.mediaUrl(),
                    message.template() == null ? null : message.template().name(),
                    message.template() == null ? null : message.template().language(),
                    new ArrayList<>(parameters));
            scheduler.scheduleIfNotExists(channelSendTask.instance(due.messageId(), due), Instant.now());
            AfterCommit.run(scheduler::triggerCheckForDueExecutions);
        };
    }
}
