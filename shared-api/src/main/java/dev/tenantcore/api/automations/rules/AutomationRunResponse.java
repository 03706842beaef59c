package dev.tenantcore.api.automations.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of a rule for one triggering event: the rule version it used, what the condition answered
 * ({@code matched}, {@code not_matched}, {@code failed}), its status ({@code running}, {@code
 * waiting}, {@code completed}, {@code not_matched}, {@code failed}, {@code parked}, {@code
 * cancelled}) and each step.
 */
public record AutomationRunResponse(
        UUID id,
        AutomationRuleId ruleId,
        long ruleVersion,
        UUID eventId,
        String eventType,
        int depth,
        String conditionResult,
        String status,
        String error,
        List<AutomationRunStep> steps,
        Instant createdAt,
        Instant updatedAt) {}
