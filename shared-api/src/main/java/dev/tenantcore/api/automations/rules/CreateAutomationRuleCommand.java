package dev.tenantcore.api.automations.rules;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code trigger} is a published event type's wire name ({@code order.placed}); a null condition always holds. */
public record CreateAutomationRuleCommand(
        @TargetAggregateIdentifier AutomationRuleId ruleId,
        String name,
        String trigger,
        String condition,
        List<RuleAction> actions) {}
