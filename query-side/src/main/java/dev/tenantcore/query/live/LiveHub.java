package dev.tenantcore.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.automations.EventTopic;
import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.tenancy.TenantClosedEvent;
import dev.tenantcore.api.tenancy.TenantModuleDisabledEvent;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.infra.audit.EventFilter;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.events.EventReceivers;
import dev.tenantcore.infra.events.PublicEvents;
import dev.tenantcore.infra.events.WhenReceived;
import dev.tenantcore.infra.security.LiveTickets;
import dev.tenantcore.infra.security.RevokedSessions;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * This node's open sockets, and the processor that feeds them.
 *
 * <p>{@value #PROCESSING_GROUP} is a tracking processor of this node alone (an in-memory token
 * from the head of the event store, {@link LiveConfiguration}): each node reads every event from
 * the store, whichever node wrote it, and hands it to its own sockets of that event's tenant. The
 * processor never waits for a client: a socket's frames are queued ({@link LiveConnection}).
 * Sockets close when their token expires (a timer set at open), when their session is revoked (at
 * once on the revocation's notification, and on a periodic check besides), when their tenant is
 * suspended or closed (at once on the event, and on the periodic check against the tenant
 * directory), when a module of their topics is switched off, and when this node stops.
 */
@Component
@ProcessingGroup(LiveHub.PROCESSING_GROUP)
class LiveHub implements EventReceivers {

    static final String PROCESSING_GROUP = "live";

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    /** Taken whoever listens: a tenant's standing closes its sockets, and a customer's orders are learnt. */
    private static final Set<Class<?>> ALWAYS_TAKEN = Set.of(
            TenantSuspendedEvent.class,
            TenantClosedEvent.class,
            TenantModuleDisabledEvent.class,
            OrderPlacedEvent.class,
            PaymentCreatedEvent.class);

    /** Thrown out of the history stream to stop it once a resume has more than it may replay. */
    private static final class TooFar extends RuntimeException {
        TooFar() {
            super(null, null, false, false);
        }
    }

    private final Map<UUID, Set<LiveConnection>> byTenant = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final Map<LiveConnection, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    private final PublicEvents publicEvents;
    private final TenantEventLog history;
    private final CustomerOwners owners;
    private final RevokedSessions revoked;
    private final ObjectMapper json;
    private final LiveProperties properties;
    private final TenantDirectory tenants;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("live-timer"));
    private final ExecutorService sender = Executors.newFixedThreadPool(2, daemon("live-send"));
    private final ExecutorService closer = Executors.newFixedThreadPool(2, daemon("live-close"));

    LiveHub(
            PublicEvents publicEvents,
            TenantEventLog history,
            CustomerOwners owners,
            RevokedSessions revoked,
            ObjectMapper json,
            LiveProperties properties,
            TenantDirectory tenants) {
        this.tenants = tenants;
        this.publicEvents = publicEvents;
        this.history = history;
        this.owners = owners;
        this.revoked = revoked;
        this.json = json;
        this.properties = properties;
        revoked.onRevocation(this::revoked);
        long heartbeat = properties.heartbeat().toMillis();
        timers.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long check = properties.checkInterval().toMillis();
        timers.scheduleWithFixedDelay(() -> revoked(null), check, check, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ the event stream

    /**
     * Whether the event may concern a socket of this node. The processor reads every event of the
     * store, and most have no socket of their tenant here: it reads past those without a unit of work
     * (interceptors, tracing, metrics: over a quarter of the processors' CPU samples under one client's price changes,
     * bench/profile.sh), as {@link #on} would return for them at once.
     */
    @Override
    public boolean receives(EventMessage<?> event) {
        if (ALWAYS_TAKEN.contains(event.getPayloadType())) {
            return true;
        }
        UUID tenant = PublicEvents.tenantOf(event);
        Set<LiveConnection> sockets = tenant == null ? null : byTenant.get(tenant);
        return sockets != null && !sockets.isEmpty();
    }

    @EventHandler
    @WhenReceived(LiveHub.class)
    void on(Object payload, EventMessage<?> message) {
        try {
            if (standing(payload)) {
                return;
            }
            learnOwner(payload);
            // Asked before the envelope is built: most events have nobody of their tenant listening here.
            UUID tenant = PublicEvents.tenantOf(message);
            Set<LiveConnection> sockets = tenant == null ? null : byTenant.get(tenant);
            if (sockets == null || sockets.isEmpty()) {
                return;
            }
            Optional<PublicEvent> published = publicEvents.of(message);
            if (published.isEmpty()) {
                return;
            }
            deliver(published.get(), sockets);
        } catch (RuntimeException e) {
            // A socket's trouble never stops the stream for the others.
            log.warn("live delivery of {} failed", message.getIdentifier(), e);
        }
    }

    /**
     * A tenant suspended or closed loses its sockets; a module switched off closes the sockets
     * subscribed to any of its topics. Whether the event was one of those.
     */
    private boolean standing(Object payload) {
        if (payload instanceof TenantSuspendedEvent suspended) {
            closeTenant(suspended.tenantId().value(), socket -> true, CloseCodes.TENANT_UNAVAILABLE);
            return true;
        }
        if (payload instanceof TenantClosedEvent closed) {
            closeTenant(closed.tenantId().value(), socket -> true, CloseCodes.TENANT_UNAVAILABLE);
            return true;
        }
        if (payload instanceof TenantModuleDisabledEvent disabled) {
            Set<EventTopic> topics = TopicModules.topicsOf(disabled.module());
            closeTenant(
                    disabled.tenantId().value(),
                    socket -> topics.stream().anyMatch(socket::wants),
                    CloseCodes.MODULE_DISABLED);
            return true;
        }
        return false;
    }

    private void closeTenant(UUID tenant, Predicate<LiveConnection> which, CloseStatus status) {
        Set<LiveConnection> sockets = byTenant.get(tenant);
        if (sockets != null) {
            sockets.stream().filter(which).forEach(socket -> socket.close(status));
        }
    }

    private void learnOwner(Object payload) {
        if (payload instanceof OrderPlacedEvent placed && placed.customerId() != null) {
            owners.remember(
                    placed.tenantId(),
                    placed.orderId().value(),
                    placed.customerId().value());
        } else if (payload instanceof PaymentCreatedEvent created && created.customerId() != null) {
            owners.remember(
                    created.tenantId(),
                    created.paymentId().value(),
                    created.customerId().value());
        }
    }

    private void deliver(PublicEvent event, Set<LiveConnection> sockets) {
        LiveConnection.Delivery delivery = new LiveConnection.Delivery(event, frame(event));
        Optional<UUID> owner = null;
        for (LiveConnection socket : sockets) {
            if (!socket.wants(event.type().topic())) {
                continue;
            }
            if (socket.customer()) {
                if (owner == null) {
                    owner = owners.of(event);
                }
                if (!owner.map(socket.holder().user().value()::equals).orElse(false)) {
                    continue;
                }
            }
            socket.live(delivery);
        }
    }

    // ------------------------------------------------------------------ sockets

    /** Registers an opened socket; false (and closed) when its user holds too many already. */
    boolean open(LiveConnection socket) {
        AtomicInteger count = perUser.computeIfAbsent(userKey(socket.holder()), k -> new AtomicInteger());
        if (count.incrementAndGet() > properties.maxConnectionsPerUser()) {
            count.decrementAndGet();
            socket.close(CloseCodes.TOO_MANY_CONNECTIONS);
            return false;
        }
        byTenant.computeIfAbsent(socket.holder().tenant().value(), t -> new CopyOnWriteArraySet<>())
                .add(socket);
        long untilExpiry = socket.holder().tokenExpiresAt().toEpochMilli() - System.currentTimeMillis();
        expiries.put(
                socket,
                timers.schedule(
                        () -> socket.close(CloseCodes.TOKEN_EXPIRED), Math.max(0, untilExpiry), TimeUnit.MILLISECONDS));
        if (revoked.isRevoked(socket.holder().session())) {
            socket.close(CloseCodes.SESSION_REVOKED);
        }
        return true;
    }

    /** Whether the holder may open one more socket on this node. */
    boolean mayOpen(LiveTickets.Holder holder) {
        AtomicInteger count = perUser.get(userKey(holder));
        return count == null || count.get() < properties.maxConnectionsPerUser();
    }

    void closed(LiveConnection socket) {
        Set<LiveConnection> sockets = byTenant.get(socket.holder().tenant().value());
        if (sockets != null && sockets.remove(socket)) {
            AtomicInteger count = perUser.get(userKey(socket.holder()));
            if (count != null) {
                count.decrementAndGet();
            }
        }
        ScheduledFuture<?> expiry = expiries.remove(socket);
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    /**
     * Subscribes a socket to {@code topics}. With {@code after}, first sends the stored events after
     * that position which the socket may see, in the store's order, then the live ones; an event met
     * both ways is sent once.
     */
    void subscribe(LiveConnection socket, Set<EventTopic> topics, Long after) {
        socket.subscribe(topics, after != null);
        List<LiveConnection.Delivery> replayed = new ArrayList<>();
        if (after != null) {
            LiveTickets.Holder holder = socket.holder();
            List<PublicEvent> missed = new ArrayList<>();
            try (var scope = TenantContext.enter(holder.tenant(), holder.user())) {
                history.stream(
                        new EventFilter(null, null, null, null, null, after),
                        0,
                        stored -> publicEvents
                                .of(stored, holder.tenant().value())
                                .filter(e -> topics.contains(e.type().topic()))
                                .ifPresent(e -> {
                                    if (missed.size() >= properties.maxReplay()) {
                                        throw new TooFar();
                                    }
                                    missed.add(e);
                                }));
            } catch (TooFar e) {
                socket.send(error(
                        "resume_too_far",
                        "More than " + properties.maxReplay()
                                + " events were missed: reload through the REST API and subscribe without after."));
                socket.close(CloseCodes.RESUME_TOO_FAR);
                return;
            }
            for (PublicEvent event : missed) {
                if (!socket.customer()
                        || owners.of(event).map(holder.user().value()::equals).orElse(false)) {
                    replayed.add(new LiveConnection.Delivery(event, frame(event)));
                }
            }
        }
        socket.caughtUp(replayed, acknowledgement(topics, after));
    }

    private void revoked(UUID session) {
        for (Set<LiveConnection> sockets : byTenant.values()) {
            for (LiveConnection socket : sockets) {
                UUID own = socket.holder().session();
                if (session == null && !standing(socket.holder().tenant())) {
                    // The periodic check, in case the suspension's event went by before the socket opened.
                    socket.close(CloseCodes.TENANT_UNAVAILABLE);
                } else if ((session == null || session.equals(own)) && revoked.isRevoked(own)) {
                    socket.close(CloseCodes.SESSION_REVOKED);
                } else if (session == null && socket.holder().tokenExpiresAt().isBefore(Instant.now())) {
                    socket.close(CloseCodes.TOKEN_EXPIRED);
                }
            }
        }
    }

    /** Whether the tenant is neither suspended nor closed, as the edge's directory has it. */
    private boolean standing(TenantId tenant) {
        return tenants.byId(tenant)
                .map(entry -> !entry.suspended() && !entry.closed())
                .orElse(false);
    }

    private void heartbeat() {
        String frame = "{\"type\":\"heartbeat\"}";
        byTenant.values().forEach(sockets -> sockets.forEach(socket -> socket.send(frame)));
    }

    /** Closes the socket's session with {@code status}, off the caller's thread. */
    void closeSession(LiveConnection socket, CloseStatus status) {
        closer.execute(() -> {
            try {
                socket.session().close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("closing a live socket failed", e);
            } finally {
                closed(socket);
            }
        });
    }

    @PreDestroy
    void stop() {
        byTenant.values().forEach(sockets -> sockets.forEach(socket -> socket.close(CloseCodes.GOING_AWAY)));
        timers.shutdownNow();
        sender.shutdown();
        closer.shutdown();
    }

    ExecutorService sender() {
        return sender;
    }

    // ------------------------------------------------------------------ frames

    private String frame(PublicEvent event) {
        return write(Map.of("type", "event", "event", event));
    }

    String error(String code, String detail) {
        return write(Map.of("type", "error", "code", code, "detail", detail));
    }

    private String acknowledgement(Set<EventTopic> topics, Long after) {
        Map<String, Object> frame = new java.util.LinkedHashMap<>();
        frame.put("type", "subscribed");
        frame.put("topics", topics.stream().map(EventTopic::wireName).sorted().toList());
        if (after != null) {
            frame.put("after", after);
        }
        return write(frame);
    }

    private String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live frame is not JSON", e);
        }
    }

    private static String userKey(LiveTickets.Holder holder) {
        return holder.tenant() + "/" + holder.user();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
