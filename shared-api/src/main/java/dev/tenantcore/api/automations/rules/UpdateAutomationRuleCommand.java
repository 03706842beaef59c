package dev.tenantcore.api.automations.rules;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Changes a rule; a null component keeps what it had. {@code clearCondition} removes the condition
 * (the rule then fires on every event of its trigger).
 */
public record UpdateAutomationRuleCommand(
        @TargetAggregateIdentifier AutomationRuleId ruleId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        String trigger,
        String condition,
        boolean clearCondition,
        List<RuleAction> actions) {}
