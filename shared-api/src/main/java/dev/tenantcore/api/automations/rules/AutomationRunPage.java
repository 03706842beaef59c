package dev.tenantcore.api.automations.rules;

import java.util.List;

public record AutomationRunPage(List<AutomationRunResponse> items, String nextCursor) {}
