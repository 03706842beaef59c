package dev.tenantcore.api.automations.rules;

public record ListAutomationRulesQuery(int limit, String cursor) {}
