package dev.tenantcore.command.automations.webhooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.automations.webhooks.DeleteWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.RegisterWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.RotateWebhookSecretCommand;
import dev.tenantcore.api.automations.webhooks.UpdateWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.infra.audit.EventFilter;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.events.PublicEvents;
import dev.tenantcore.infra.tenancy.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner registers, changes, lists and deletes the tenant's outbound webhook endpoints, rotates
 * their signing secrets, reads each one's delivery log, sends a message again and replays stored
 * history to it. A change is a command to the endpoint's {@link WebhookEndpoint}. A signing secret is
 * shown once, in the answer that made it, and never again.
 *
 * <p>Under {@code /api/v1/automations/webhook-endpoints}: {@code /api/v1/webhooks/...} is where
 * providers deliver to us (inbound, unauthenticated, per channel), and an owner's route there could
 * one day shadow or be shadowed by a provider's path. Here they sit with the automations module
 * whose switch they follow.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@Validated
@RequestMapping(WebhookEndpointController.PATH)
@PreAuthorize("hasRole('OWNER')")
class WebhookEndpointController {

    static final String PATH = "/api/v1/automations/webhook-endpoints";

    private final CommandGateway commands;
    private final WebhookEndpointDirectory directory;
    private final WebhookDeliveries deliveries;
    private final WebhookQueue queue;
    private final TenantEventLog history;
    private final PublicEvents events;
    private final WebhookProperties properties;
    private final TransactionTemplate tx;

    WebhookEndpointController(
            CommandGateway commands,
            WebhookEndpointDirectory directory,
            WebhookDeliveries deliveries,
            WebhookQueue queue,
            TenantEventLog history,
            PublicEvents events,
            WebhookProperties properties,
            PlatformTransactionManager transactionManager) {
        this.commands = commands;
        this.directory = directory;
        this.deliveries = deliveries;
        this.queue = queue;
        this.history = history;
        this.events = events;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** {@code eventTypes}: catalogue names ({@code order.placed}); none or empty receives every event. */
    record CreateWebhookEndpointRequest(
            @NotNull @Size(min = 1, max = EndpointAddresses.MAX_LENGTH)
            String url,

            @Size(max = 100) List<@NotNull @Size(max = 100) String> eventTypes,
            @Size(max = WebhookEndpoint.DESCRIPTION_LENGTH) String description,
            Boolean enabled) {}

    record UpdateWebhookEndpointRequest(
            @Size(min = 1, max = EndpointAddresses.MAX_LENGTH)
            String url,

            @Size(max = 100) List<@NotNull @Size(max = 100) String> eventTypes,
            @Size(max = WebhookEndpoint.DESCRIPTION_LENGTH) String description,
            Boolean enabled) {}

    /**
     * An endpoint. {@code disabledReason} is {@code failing} when it was switched off for failing;
     * {@code previousSecretValidUntil}: the replaced secret still signs until then.
     */
    record WebhookEndpointView(
            WebhookEndpointId id,
            String url,
            List<String> eventTypes,
            String description,
            boolean enabled,
            String disabledReason,
            Instant previousSecretValidUntil,
            Instant failingSince,
            Instant createdAt,
            Instant updatedAt,
            @JsonIgnore long version) {}

    /** The answer to a create: the endpoint and its signing secret, shown this once. */
    record CreatedWebhookEndpointView(WebhookEndpointView endpoint, String secret) {}

    record WebhookEndpointList(List<WebhookEndpointView> items) {}

    /** A new signing secret, shown this once; the previous one keeps signing until {@code previousSecretValidUntil}. */
    record RotatedWebhookSecretView(String secret, Instant previousSecretValidUntil) {}

    record WebhookReplayRequest(
            @NotNull Instant from, @NotNull Instant to) {}

    /** How many stored events were queued for the endpoint. */
    record WebhookReplayView(int queued) {}

    @GetMapping
    public WebhookEndpointList list() {
        return new WebhookEndpointList(tx.execute(s ->
                directory.list().stream().map(WebhookEndpointController::view).toList()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<WebhookEndpointView> get(@PathVariable UUID id) {
        WebhookEndpointView view = find(new WebhookEndpointId(id));
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    @PostMapping
    public ResponseEntity<CreatedWebhookEndpointView> create(@Valid @RequestBody CreateWebhookEndpointRequest body) {
        WebhookEndpointId id = WebhookEndpointId.random();
        String secret = WebhookSignatures.newSecret();
        commands.sendAndWait(new RegisterWebhookEndpointCommand(
                id,
                body.url(),
                types(body.eventTypes()),
                body.description(),
                body.enabled() == null || body.enabled(),
                secret));
        WebhookEndpointView view = find(id);
        return ResponseEntity.created(URI.create(PATH + "/" + id))
                .eTag("\"" + view.version() + "\"")
                .body(new CreatedWebhookEndpointView(view, secret));
    }

    /** Changes the URL, event filter, description or switch; {@code If-Match} guards against a lost update. */
    @PatchMapping("/{id}")
    public ResponseEntity<WebhookEndpointView> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateWebhookEndpointRequest body, CommandHeaders headers) {
        WebhookEndpointId endpoint = new WebhookEndpointId(id);
        commands.sendAndWait(new UpdateWebhookEndpointCommand(
                endpoint,
                headers.expectedVersion(),
                body.url(),
                body.eventTypes() == null ? null : types(body.eventTypes()),
                body.description(),
                body.enabled()));
        WebhookEndpointView view = find(endpoint);
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /** Deletes the endpoint: its secrets are erased and its pending messages are not sent. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        commands.sendAndWait(new DeleteWebhookEndpointCommand(new WebhookEndpointId(id)));
        return ResponseEntity.noContent().build();
    }

    /** A new signing secret; the one it replaces signs beside it for {@code app.webhooks.secret-overlap}. */
    @PostMapping("/{id}/rotate-secret")
    public RotatedWebhookSecretView rotateSecret(@PathVariable UUID id) {
        String secret = WebhookSignatures.newSecret();
        Instant until = Instant.now().plus(properties.getSecretOverlap());
        commands.sendAndWait(new RotateWebhookSecretCommand(new WebhookEndpointId(id), secret, until));
        return new RotatedWebhookSecretView(secret, until);
    }

    /** The endpoint's messages, newest first, each with every attempt. */
    @GetMapping("/{id}/deliveries")
    public WebhookDeliveries.WebhookMessagePage deliveries(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        WebhookEndpointId endpoint = new WebhookEndpointId(id);
        return tx.execute(s -> {
            directory.find(endpoint).orElseThrow(WebhookEndpointController::missing);
            return deliveries.page(endpoint, limit, cursor);
        });
    }

    /** Sends one message again now, with a fresh retry schedule; the receiver sees the same {@code webhook-id}. */
    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    public ResponseEntity<WebhookDeliveries.WebhookMessageView> redeliver(
            @PathVariable UUID id, @PathVariable UUID deliveryId) {
        WebhookEndpointId endpoint = new WebhookEndpointId(id);
        WebhookDeliveries.WebhookMessageView view = tx.execute(s -> {
            enabled(endpoint);
            if (!queue.requeue(id, deliveryId)) {
                throw new DomainException(ErrorCode.NOT_FOUND, "The delivery does not exist.");
            }
            return deliveries.find(endpoint, deliveryId).orElseThrow(WebhookEndpointController::missing);
        });
        return ResponseEntity.accepted().body(view);
    }

    /**
     * Queues every stored event of the tenant between {@code from} (inclusive) and {@code to}
     * (exclusive) that the endpoint receives, also events from before it existed; a message it had
     * already is sent again.
     */
    @PostMapping("/{id}/replay")
    public ResponseEntity<WebhookReplayView> replay(
            @PathVariable UUID id, @Valid @RequestBody WebhookReplayRequest body) {
        if (!body.from().isBefore(body.to())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "from must be before to.");
        }
        WebhookEndpointId endpointId = new WebhookEndpointId(id);
        WebhookEndpointDirectory.Endpoint endpoint = tx.execute(s -> enabled(endpointId));
        TenantId tenant = TenantContext.current()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist."));
        int limit = properties.getReplayLimit();
        List<PublicEvent> matching = new ArrayList<>();
        int[] seen = {0};
        history.stream(
                new EventFilter(body.from(), body.to(), null, null, null, -1),
                0,
                stored -> events.of(stored, tenant.value())
                        .filter(event -> endpoint.receives(event.type()))
                        .ifPresent(event -> {
                            if (++seen[0] <= limit) {
                                matching.add(event);
                            }
                        }));
        if (seen[0] > limit) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED,
                    "More than " + limit + " events match; replay a shorter stretch at a time.");
        }
        int queued = tx.execute(s -> {
            int count = 0;
            for (PublicEvent event : matching) {
                if (queue.queue(id, event, true)) {
                    count++;
                }
            }
            return count;
        });
        return ResponseEntity.accepted().body(new WebhookReplayView(queued));
    }

    private WebhookEndpointDirectory.Endpoint enabled(WebhookEndpointId id) {
        WebhookEndpointDirectory.Endpoint endpoint = directory.find(id).orElseThrow(WebhookEndpointController::missing);
        if (!endpoint.enabled()) {
            throw new DomainException(ErrorCode.INVALID_STATE, "The endpoint is switched off.");
        }
        return endpoint;
    }

    private WebhookEndpointView find(WebhookEndpointId id) {
        return tx.execute(s -> directory.find(id).map(WebhookEndpointController::view))
                .orElseThrow(WebhookEndpointController::missing);
    }

    /** Catalogue names to types; a name not in the catalogue answers {@code 422 unknown_event_type}. */
    static Set<PublicEventType> types(List<String> names) {
        Set<PublicEventType> types = EnumSet.noneOf(PublicEventType.class);
        if (names == null) {
            return types;
        }
        for (String name : names) {
            types.add(PublicEventType.named(name)
                    .orElseThrow(() -> new DomainException(
                            ErrorCode.UNKNOWN_EVENT_TYPE, "'" + name + "' is not in the event catalogue.")));
        }
        return types;
    }

    private static WebhookEndpointView view(WebhookEndpointDirectory.Endpoint endpoint) {
        Instant previous = endpoint.previousSecretUntil() != null
                        && endpoint.previousSecretUntil().isAfter(Instant.now())
                ? endpoint.previousSecretUntil()
                : null;
        return new WebhookEndpointView(
                endpoint.id(),
                endpoint.url(),
                endpoint.eventTypes().stream()
                        .map(PublicEventType::wireName)
                        .sorted()
                        .toList(),
                endpoint.description(),
                endpoint.enabled(),
                endpoint.disabledReason(),
                previous,
                endpoint.failingSince(),
                endpoint.createdAt(),
                endpoint.updatedAt(),
                endpoint.version());
    }

    private static DomainException missing() {
        return new DomainException(ErrorCode.NOT_FOUND, "The webhook endpoint does not exist.");
    }
}
