package dev.tenantcore.api.automations.rules;

public record FindAutomationRuleQuery(AutomationRuleId ruleId) {}
