package dev.tenantcore.api.automations.rules;

import java.time.Instant;
import java.util.List;

/** A rule as staff read it; {@code version} is the aggregate's version, which every run records. */
public record AutomationRuleResponse(
        AutomationRuleId id,
        String name,
        String trigger,
        String condition,
        List<RuleAction> actions,
        boolean enabled,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
