package dev.tenantcore.query.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.infra.security.LiveTickets;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The live event socket at {@value #PATH} and the processor behind it.
 *
 * <p>The processor's token is in memory and starts at the head of the store: every node has its
 * own and reads every event, which is the point (the shared token store would split the events
 * between nodes, and each node must see all of them for its own sockets). A restarted node has no
 * socket that could have missed anything; its clients reconnect and resume from the stored history.
 *
 * <p>Any origin may open the socket as far as the WebSocket layer goes: the edge has already refused
 * an origin that is no active tenant domain, and a socket opens only with a token or ticket of the
 * origin's tenant, never with cookies, so another site's page cannot ride on a user's browser.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(LiveProperties.class)
class LiveConfiguration implements WebSocketConfigurer {

    static final String PATH = "/api/v1/live";

    /** A subscription is small; anything bigger is no frame of ours (the container closes with 1009). */
    private static final int MAX_CLIENT_FRAME = 4096;

    private final LiveHub hub;
    private final LiveTickets tickets;
    private final ObjectMapper json;
    private final LiveProperties properties;
    private final TenantDirectory tenants;

    LiveConfiguration(
            LiveHub hub, LiveTickets tickets, ObjectMapper json, LiveProperties properties, TenantDirectory tenants) {
        this.hub = hub;
        this.tickets = tickets;
        this.json = json;
        this.properties = properties;
        this.tenants = tenants;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new LiveSocketHandler(hub, json, properties, tenants), PATH)
                .addInterceptors(new LiveHandshake(tickets, hub, json))
                .setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean liveSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_CLIENT_FRAME);
        container.setMaxBinaryMessageBufferSize(MAX_CLIENT_FRAME);
        return container;
    }

    @Autowired
    void liveProcessorOfThisNode(EventProcessingConfigurer processing) {
        processing
                .registerTokenStore(LiveHub.PROCESSING_GROUP, configuration -> new InMemoryTokenStore())
                // Its handler writes nothing and its token is in memory: a database transaction per
                // batch (begin, the tenant's setting, commit) would be round trips for nothing. The
                // rare owner lookup for a customer's socket opens its own (CustomerOwners).
                .registerTransactionManager(LiveHub.PROCESSING_GROUP, configuration -> NoTransactionManager.INSTANCE)
                .registerTrackingEventProcessor(
                        LiveHub.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
