package dev.tenantcore.infra.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed inbound webhooks, for any source (payment providers today, messaging channels next).
 *
 * <ul>
 *   <li>Each tenant gets a random endpoint id per source ({@code /api/v1/webhooks/{source}/{id}}).
 *       An id only says whose secret must verify a delivery: {@link #receive} enters that tenant
 *       just long enough for the source's {@link Verifier} to check the signature with the
 *       tenant's own secret, and nothing is recorded for the tenant unless it verifies. Unknown ids
 *       and bad signatures get the same answer.
 *   <li>Each verified delivery is kept once per provider event id, with its raw headers and body
 *       for audit, in the same transaction as whatever handling it causes: a redelivery finds the
 *       id and changes nothing.
 *   <li>The edge rate-limits each endpoint id on its own bucket (the {@code webhooks} group), so a
 *       flood at one tenant's URL leaves every other tenant's deliveries alone.
 * </ul>
 */
@Component
public class WebhookInbox {

    /** Headers that may carry credentials of the sender's own; never kept. */
    private static final Set<String> NOT_KEPT = Set.of("authorization", "cookie", "proxy-authorization");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public WebhookInbox(
            JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.json = json;
        this.meters = meters;
    }

    /** One delivery as it arrived: header names lower-cased, the body exactly as sent. */
    public record Delivery(String source, String endpointId, Map<String, String> headers, String body) {

        public static Delivery of(String source, String endpointId, HttpHeaders headers, String body) {
            Map<String, String> lowerCased = new TreeMap<>();
            headers.forEach((name, values) -> lowerCased.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            return new Delivery(source, endpointId, lowerCased, body == null ? "" : body);
        }
    }

    /** What a verified delivery says: the provider's own id for the event, and the event read. */
    public record Verified<E>(String eventId, E event) {}

    /**
     * Checks a delivery with the current tenant's secret (the tenant is entered; no transaction is
     * open, so a verifier may call its provider). Throws {@link #unverified()} when it does not verify.
     */
    @FunctionalInterface
    public interface Verifier<E> {
        Verified<E> verify(Delivery delivery);
    }

    /** Handles a verified event, in the transaction that records it; answers a short outcome word. */
    @FunctionalInterface
    public interface Handler<E> {
        String handle(E event);
    }

    /** The current tenant's endpoint id for {@code source}, made on first use. */
    public String endpointFor(String source) {
        UUID tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("a webhook endpoint needs a tenant"))
                .value();
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        jdbc.update(
                """
                INSERT INTO platform_webhook_endpoints (endpoint_id, owner_tenant, source, created_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (owner_tenant, source) DO NOTHING
                """,
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                tenant,
                source,
                Timestamp.from(clock.instant()));
        return existingEndpoint(source).orElseThrow();
    }

    /** The current tenant's endpoint id for {@code source}, if one was made. */
    public Optional<String> existingEndpoint(String source) {
        UUID tenant = TenantContext.current().map(TenantId::value).orElse(null);
        return jdbc
                .queryForList(
                        "SELECT endpoint_id FROM platform_webhook_endpoints WHERE owner_tenant = ? AND source = ?",
                        String.class,
                        tenant,
                        source)
                .stream()
                .findFirst();
    }

    /**
     * Receives one delivery: finds the endpoint's tenant, verifies the delivery with that tenant's
     * secret, then records it and handles its event once (see {@link #once}). {@code then} runs
     * afterwards, outside the transaction and still as the tenant, with the event and its outcome
     * (for work that calls the provider, such as capturing an approved PayPal order).
     *
     * @throws DomainException {@code invalid_signature} for an unknown endpoint or a delivery that
     *     does not verify; nothing is recorded then
     */
    public <E, R> R receive(Delivery delivery, Verifier<E> verifier, Handler<E> handler, AfterHandling<E, R> then) {
        return receive(delivery, owner(delivery.source(), delivery.endpointId()), verifier, handler, then);
    }

    /**
     * {@link #receive(Delivery, Verifier, Handler, AfterHandling)} for a source that keeps its own
     * endpoint ids (several per tenant, such as one per messaging channel): {@code owner} is the
     * tenant the endpoint id names, believed only once the delivery verifies; empty for an unknown id.
     */
    public <E, R> R receive(
            Delivery delivery,
            Optional<TenantId> owner,
            Verifier<E> verifier,
            Handler<E> handler,
            AfterHandling<E, R> then) {
        String outcome = "unverified";
        try {
            TenantId tenant = owner.orElseThrow(WebhookInbox::unverified);
            try (var scope = TenantContext.enter(tenant, null)) {
                Verified<E> verified = verifier.verify(delivery);
                outcome = "failed";
                outcome = once(delivery, verified.eventId(), () -> handler.handle(verified.event()));
                return then.after(verified, outcome);
            }
        } finally {
            // The source is one of the application's own provider names, never the caller's text.
            meters.counter("tenantcore.webhooks.received", "source", delivery.source(), "outcome", outcome)
                    .increment();
        }
    }

    /** What follows a handled delivery, with the tenant still entered and no transaction open. */
    @FunctionalInterface
    public interface AfterHandling<E, R> {
        R after(Verified<E> verified, String outcome);
    }

    /**
     * Records {@code eventId} for the current tenant and runs {@code handling} in the same
     * transaction; answers {@code duplicate} without running it when the id was recorded before. If
     * {@code handling} throws, nothing is recorded and the exception propagates (the provider
     * redelivers); see {@link #remember} for an event that must be recorded although it failed.
     */
    public String once(Delivery delivery, String eventId, Supplier<String> handling) {
        try {
            return tx.execute(status -> {
                if (!insert(delivery, eventId, "received")) {
                    return "duplicate";
                }
                String outcome = handling.get();
                jdbc.update(
                        "UPDATE webhook_deliveries SET outcome = ? WHERE source = ? AND event_id = ?",
                        outcome,
                        delivery.source(),
                        eventId);
                return outcome;
            });
        } catch (Refusal refusal) {
            // The target cannot make this move (it already did, or moved elsewhere): the event is
            // acknowledged and remembered, so the sender stops redelivering it.
            tx.executeWithoutResult(status -> insert(delivery, eventId, "refused"));
            return "refused";
        }
    }

    /**
     * Thrown by a {@link Handler} whose target refuses the event for good (as opposed to an outage):
     * its transaction is rolled back, and the event is recorded as {@code refused}.
     */
    public static class Refusal extends RuntimeException {
        public Refusal(RuntimeException cause) {
            super(cause);
        }
    }

    /** Unknown endpoints, disabled sources and bad signatures all look the same to the sender. */
    public static DomainException unverified() {
        return new DomainException(ErrorCode.INVALID_SIGNATURE, "The webhook signature does not verify.");
    }

    private Optional<TenantId> owner(String source, String endpointId) {
        return jdbc
                .queryForList(
                        "SELECT owner_tenant FROM platform_webhook_endpoints WHERE endpoint_id = ? AND source = ?",
                        UUID.class,
                        endpointId,
                        source)
                .stream()
                .findFirst()
                .map(TenantId::new);
    }

    private boolean insert(Delivery delivery, String eventId, String outcome) {
        return jdbc.update(
                        """
                        INSERT INTO webhook_deliveries
                               (tenant_id, source, event_id, endpoint_id, outcome, headers, body, received_at)
                        VALUES (app_current_tenant(), ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING
                        """,
                        delivery.source(),
                        eventId,
                        delivery.endpointId(),
                        outcome,
                        headers(delivery),
                        delivery.body(),
                        Timestamp.from(Instant.now(clock)))
                == 1;
    }

    private String headers(Delivery delivery) {
        Map<String, String> kept = new TreeMap<>(delivery.headers());
        kept.keySet().removeAll(NOT_KEPT);
        try {
            return json.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
