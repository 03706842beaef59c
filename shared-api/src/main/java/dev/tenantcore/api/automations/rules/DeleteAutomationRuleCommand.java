package dev.tenantcore.api.automations.rules;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteAutomationRuleCommand(
        @TargetAggregateIdentifier AutomationRuleId ruleId,
        @TargetAggregateVersion Long expectedVersion) {}
