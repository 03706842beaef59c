package dev.tenantcore.command.crm.channel.email;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mailbox poll as a db-scheduler task: one instance per email channel, keyed by its id. */
@Configuration(proxyBeanMethods = false)
class MailboxPolling {

    @Bean
    CustomTask<MailboxPoller.Due> emailPollTask(MailboxPoller poller) {
        return poller.task();
    }
}
