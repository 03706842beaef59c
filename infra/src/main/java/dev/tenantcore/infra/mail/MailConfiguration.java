package dev.tenantcore.infra.mail;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mail sender as a db-scheduler task, and the mail settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    @Bean
    OneTimeTask<MailDelivery.Due> emailDeliveryTask(MailDelivery delivery) {
        return delivery.task();
    }
}
