package dev.tenantcore.api.automations.rules;

import java.util.List;

public record AutomationRulePage(List<AutomationRuleResponse> items, String nextCursor) {}
