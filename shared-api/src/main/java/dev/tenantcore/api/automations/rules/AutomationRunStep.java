package dev.tenantcore.api.automations.rules;

import java.time.Instant;

/** One action of a run: {@code status} pending, running, waiting, done, failed or skipped. */
public record AutomationRunStep(
        int position,
        RuleAction action,
        String status,
        int attempts,
        Instant dueAt,
        Instant startedAt,
        Instant finishedAt,
        String error) {}
