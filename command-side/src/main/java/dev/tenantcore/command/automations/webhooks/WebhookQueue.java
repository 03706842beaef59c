package dev.tenantcore.command.automations.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.infra.persistence.AfterCommit;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Webhook messages as a transactional outbox on db-scheduler's {@code scheduled_tasks}: a message row
 * and its task, keyed by the message id, written in the caller's transaction (the scheduler's data
 * source joins it), and sent by {@link WebhookDeliveryRunner} once committed, on a scheduler thread,
 * never in the event processor that found the event.
 */
@Component
class WebhookQueue {

    static final String TASK = "webhook-delivery";

    private static final Logger log = LoggerFactory.getLogger(WebhookQueue.class);

    /** A queued message; db-scheduler stores it with Java serialization, so it holds plain values. */
    record Due(String tenantId, String deliveryId) implements Serializable {}

    private final WebhookDeliveries deliveries;
    private final CustomTask<Due> task;
    private final Scheduler scheduler;
    private final ObjectMapper json;

    WebhookQueue(
            WebhookDeliveries deliveries,
            CustomTask<Due> webhookDeliveryTask,
            @Lazy Scheduler scheduler,
            ObjectMapper json) {
        this.deliveries = deliveries;
        this.task = webhookDeliveryTask;
        this.scheduler = scheduler;
        this.json = json;
    }

    /**
     * Queues {@code event} for {@code endpoint} in the current tenant and transaction: once per
     * (endpoint, event), or afresh when {@code again} (a replay). Answers whether it queued.
     */
    boolean queue(UUID endpoint, PublicEvent event, boolean again) {
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be written as JSON", e);
        }
        Optional<UUID> queued =
                deliveries.queue(endpoint, event.id(), event.type().wireName(), body, again);
        queued.ifPresent(this::schedule);
        return queued.isPresent();
    }

    /**
     * Queues a message of its own for {@code endpoint}: {@code messageId} is its {@code webhook-id}
     * and its key, so the same id again queues nothing. Answers whether it queued.
     */
    boolean queueMessage(UUID endpoint, UUID messageId, String eventType, String body) {
        Optional<UUID> queued = deliveries.queue(endpoint, messageId, eventType, body, false);
        queued.ifPresent(this::schedule);
        return queued.isPresent();
    }

    /** Sends one message of the endpoint again now; false when the endpoint has no such message. */
    boolean requeue(UUID endpoint, UUID delivery) {
        Optional<UUID> queued = deliveries.requeue(endpoint, delivery);
        queued.ifPresent(this::schedule);
        return queued.isPresent();
    }

    private void schedule(UUID delivery) {
        String tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("A webhook is queued in a tenant."))
                .toString();
        var instance = task.instance(delivery.toString(), new Due(tenant, delivery.toString()));
        if (!scheduler.scheduleIfNotExists(instance, Instant.now())) {
            // Waiting for a retry: brought forward. One running now finds the row pending again
            // and, once done, the next attempt is whatever the row says.
            try {
                scheduler.reschedule(instance, Instant.now());
            } catch (RuntimeException e) {
                log.debug("webhook delivery {} is running; it is retried from its row", delivery, e);
            }
        }
        AfterCommit.run(scheduler::triggerCheckForDueExecutions);
    }
}
