package dev.tenantcore.api.automations.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a rule would have done over a stretch of the tenant's history: {@code scanned} events of the
 * trigger's type, {@code matched} of them met the condition, {@code failed} could not be evaluated;
 * {@code truncated} when the scan stopped at its bound before {@code to}.
 */
public record DryRunResponse(
        String trigger,
        long ruleVersion,
        Instant from,
        Instant to,
        long scanned,
        long matched,
        long failed,
        boolean truncated,
        List<Match> matches) {

    /** One event the rule would have fired on, and the actions it would have taken, in order. */
    public record Match(
            UUID eventId, Instant occurredAt, long position, String aggregateId, List<RuleAction> actions) {}
}
