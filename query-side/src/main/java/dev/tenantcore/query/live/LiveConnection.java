package dev.tenantcore.query.live;

import dev.tenantcore.api.automations.EventTopic;
import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.infra.security.LiveTickets;
import jakarta.websocket.RemoteEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open socket: who holds it, what it subscribed to, and its outgoing frames.
 *
 * <p>Frames go out one at a time with the container's asynchronous send, from a bounded queue:
 * nobody that delivers an event ever waits for a client, and a client that lets its send buffer
 * ({@code app.live.send-buffer} frames) fill is closed ({@link CloseCodes#TOO_SLOW}).
 *
 * <p>While a resume replays the stored history, live events wait in {@code pending}; the ids of the
 * last frames sent are remembered, so an event that arrives both from history and live is sent once.
 */
final class LiveConnection {

    /** More than a replay sends, so every replayed id is still remembered when it arrives live. */
    private static final int REMEMBERED = 4096;

    private final WebSocketSession session;
    private final LiveTickets.Holder holder;
    private final RemoteEndpoint.Async remote;
    private final Executor sender;
    private final Consumer<CloseStatus> closer;
    private final int bound;

    private final Queue<String> out = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    // Guarded by this.
    private Set<EventTopic> topics = Set.of();
    private boolean catchingUp;
    private final List<Delivery> pending = new ArrayList<>();
    private final LinkedHashSet<UUID> recent = new LinkedHashSet<>();

    /** An event and its frame, serialized once for every socket. */
    record Delivery(PublicEvent event, String frame) {}

    LiveConnection(
            WebSocketSession session,
            LiveTickets.Holder holder,
            RemoteEndpoint.Async remote,
            Executor sender,
            Consumer<CloseStatus> closer,
            int bound) {
        this.session = session;
        this.holder = holder;
        this.remote = remote;
        this.sender = sender;
        this.closer = closer;
        this.bound = bound;
    }

    WebSocketSession session() {
        return session;
    }

    LiveTickets.Holder holder() {
        return holder;
    }

    boolean customer() {
        return holder.role() == Role.CUSTOMER;
    }

    synchronized boolean wants(EventTopic topic) {
        return topics.contains(topic);
    }

    /** Starts a subscription; with a resume, live events wait until {@link #caughtUp} sends them. */
    synchronized void subscribe(Set<EventTopic> topics, boolean resume) {
        this.topics = Set.copyOf(topics);
        this.catchingUp = resume;
        pending.clear();
    }

    /** An event as it happens: sent now, or after the replay; never twice. */
    synchronized void live(Delivery delivery) {
        if (!topics.contains(delivery.event().type().topic())) {
            return;
        }
        if (catchingUp) {
            pending.add(delivery);
        } else {
            sendOnce(delivery);
        }
    }

    /** The replayed events, then the acknowledgement, then whatever arrived live meanwhile. */
    synchronized void caughtUp(List<Delivery> replayed, String acknowledgement) {
        replayed.forEach(this::sendOnce);
        send(acknowledgement);
        pending.forEach(this::sendOnce);
        pending.clear();
        catchingUp = false;
    }

    private void sendOnce(Delivery delivery) {
        if (recent.contains(delivery.event().id())) {
            return;
        }
        recent.add(delivery.event().id());
        if (recent.size() > REMEMBERED) {
            var oldest = recent.iterator();
            oldest.next();
            oldest.remove();
        }
        send(delivery.frame());
    }

    /** Queues a frame; a full queue closes the socket as too slow instead of waiting. */
    void send(String frame) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > bound) {
            close(CloseCodes.TOO_SLOW);
            return;
        }
        out.add(frame);
        pump();
    }

    /** Starts the next send unless one is under way; the container calls back when it is done. */
    private void pump() {
        while (!closed.get() && !out.isEmpty() && sending.compareAndSet(false, true)) {
            String next = out.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            queued.decrementAndGet();
            try {
                remote.sendText(next, result -> {
                    sending.set(false);
                    if (result.isOK()) {
                        sender.execute(this::pump);
                    } else {
                        close(CloseStatus.SESSION_NOT_RELIABLE);
                    }
                });
            } catch (RuntimeException e) {
                sending.set(false);
                close(CloseStatus.SESSION_NOT_RELIABLE);
            }
            return;
        }
    }

    /** Closes once, off the caller's thread. */
    void close(CloseStatus status) {
        if (closed.compareAndSet(false, true)) {
            out.clear();
            closer.accept(status);
        }
    }

    /** The socket closed from the other side (or the container's): nothing more to send. */
    void ended() {
        closed.set(true);
        out.clear();
    }

    boolean isClosed() {
        return closed.get();
    }
}
