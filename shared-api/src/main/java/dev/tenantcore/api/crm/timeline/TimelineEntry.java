package dev.tenantcore.api.crm.timeline;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One thing that happened with a contact. {@code payload} holds the few facts a client shows for
 * its {@code type} (an order's number and total, a stage's from and to, a note's text); the full
 * resource is one request away by the ids it names.
 */
public record TimelineEntry(
        UUID id, TimelineEntryType type, Instant occurredAt, Map<String, Object> payload, TimelineActor actor) {}
