package dev.tenantcore.api.automations.rules;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AutomationRuleDeletedEvent(AutomationRuleId ruleId) {}
