package dev.tenantcore.query.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.automations.EventTopic;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.infra.security.LiveTickets;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.infra.tenancy.TenantEntry;
import jakarta.websocket.Session;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The socket's side of the protocol: the one client frame, {@code
 * {"type":"subscribe","topics":[…],"after":<position>}}, answered with the replay (when {@code after}
 * is given), a {@code subscribed} frame, then live events. A frame that is not a valid subscription
 * is answered with an {@code error} frame and changes nothing; the socket stays open. So is a
 * subscription to a topic of a module the tenant has switched off ({@code module_disabled}).
 */
class LiveSocketHandler extends TextWebSocketHandler {

    static final String HOLDER = LiveSocketHandler.class.getName() + ".holder";
    private static final String CONNECTION = LiveSocketHandler.class.getName() + ".connection";
    private static final Set<EventTopic> CUSTOMER_TOPICS = EnumSet.of(EventTopic.ORDERS, EventTopic.PAYMENTS);

    private final LiveHub hub;
    private final ObjectMapper json;
    private final LiveProperties properties;
    private final TenantDirectory tenants;

    LiveSocketHandler(LiveHub hub, ObjectMapper json, LiveProperties properties, TenantDirectory tenants) {
        this.hub = hub;
        this.json = json;
        this.properties = properties;
        this.tenants = tenants;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        LiveTickets.Holder holder = (LiveTickets.Holder) session.getAttributes().get(HOLDER);
        Session container = ((NativeWebSocketSession) session).getNativeSession(Session.class);
        LiveConnection[] self = new LiveConnection[1];
        LiveConnection connection = new LiveConnection(
                session,
                holder,
                container.getAsyncRemote(),
                hub.sender(),
                status -> hub.closeSession(self[0], status),
                properties.sendBuffer());
        self[0] = connection;
        session.getAttributes().put(CONNECTION, connection);
        hub.open(connection);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        LiveConnection connection = (LiveConnection) session.getAttributes().get(CONNECTION);
        if (connection == null || connection.isClosed()) {
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(message.getPayload());
        } catch (Exception e) {
            refuse(connection, "validation_failed", "A frame is one JSON object.");
            return;
        }
        if (frame == null
                || !frame.isObject()
                || !"subscribe".equals(frame.path("type").asText())) {
            refuse(connection, "validation_failed", "The only client frame is {\"type\":\"subscribe\",…}.");
            return;
        }
        JsonNode names = frame.get("topics");
        if (names == null || !names.isArray() || names.isEmpty() || names.size() > EventTopic.values().length) {
            refuse(connection, "validation_failed", "topics: one or more of " + topicNames() + ".");
            return;
        }
        Set<EventTopic> topics = EnumSet.noneOf(EventTopic.class);
        for (JsonNode name : names) {
            try {
                topics.add(EventTopic.fromWireName(name.isTextual() ? name.asText() : "?"));
            } catch (IllegalArgumentException e) {
                refuse(connection, "validation_failed", "topics: one or more of " + topicNames() + ".");
                return;
            }
        }
        if (connection.customer() && !CUSTOMER_TOPICS.containsAll(topics)) {
            refuse(connection, "forbidden", "A customer subscribes to orders and payments, their own.");
            return;
        }
        Optional<TenantEntry> tenant = tenants.byId(connection.holder().tenant());
        for (EventTopic topic : topics) {
            TenantModule module = TopicModules.of(topic);
            if (tenant.isEmpty() || !tenant.get().hasModule(module)) {
                refuse(
                        connection,
                        "module_disabled",
                        "topics: " + topic.wireName() + " belongs to the " + module.wireName()
                                + " module, which is not enabled for this tenant.");
                return;
            }
        }
        JsonNode after = frame.get("after");
        Long position = null;
        if (after != null && !after.isNull()) {
            if (!after.canConvertToLong() || !after.isIntegralNumber() || after.asLong() < -1) {
                refuse(connection, "validation_failed", "after: the position of the last event received.");
                return;
            }
            position = after.asLong();
        }
        hub.subscribe(connection, topics, position);
    }

    private void refuse(LiveConnection connection, String code, String detail) {
        connection.send(hub.error(code, detail));
    }

    private static String topicNames() {
        return String.join(
                ", ",
                EnumSet.allOf(EventTopic.class).stream()
                        .map(EventTopic::wireName)
                        .toList());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        LiveConnection connection = (LiveConnection) session.getAttributes().get(CONNECTION);
        if (connection != null) {
            connection.ended();
            hub.closed(connection);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        LiveConnection connection = (LiveConnection) session.getAttributes().get(CONNECTION);
        if (connection != null) {
            connection.close(CloseStatus.SERVER_ERROR);
        }
    }
}
