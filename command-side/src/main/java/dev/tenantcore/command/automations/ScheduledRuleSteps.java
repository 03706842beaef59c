package dev.tenantcore.command.automations;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task that runs rules' steps ({@link RuleStepRunner}). */
@Configuration(proxyBeanMethods = false)
class ScheduledRuleSteps {

    @Bean
    OneTimeTask<RuleSteps.Due> automationStepTask(RuleStepRunner runner) {
        return runner.task();
    }
}
