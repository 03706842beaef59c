package dev.tenantcore.infra.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.infra.credentials.TenantCredentials;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The mail sender as a db-scheduler task. Composers and branding come from the query side and are
 * looked up when a mail is sent: they need the query bus, which needs Axon, whose deadline manager
 * needs the scheduler, which needs this task.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    @Bean
    MailDelivery mailDelivery(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            ObjectMapper json,
            MailSettingsStore settings,
            MailTemplates templates,
            TenantCredentials credentials,
            List<MailTransport> transports,
            ObjectProvider<MailComposer> composers,
            ObjectProvider<MailBranding> branding,
            MailProperties properties) {
        return new MailDelivery(
                jdbc,
                transactionManager,
                json,
                settings,
                templates,
                credentials,
                transports,
                composers,
                branding,
                properties);
    }

    @Bean
    OneTimeTask<MailDelivery.Due> emailDeliveryTask(MailDelivery delivery) {
        return delivery.task();
    }
}
