package dev.tenantcore.infra.axon;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.security.ApiKeyAuthentication;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The tenant travels with every message: dispatch interceptors copy it from the caller's
 * {@link TenantContext} into metadata (once, at the edge), and handler interceptors restore it from
 * the metadata into the handler's thread and transaction. A message without a tenant is refused.
 */
@Configuration(proxyBeanMethods = false)
public class TenantMessageInterceptors {

    private static final Logger log = LoggerFactory.getLogger(TenantMessageInterceptors.class);
    private static final int MAX_USER_AGENT = 256;
    /** Compiled once: {@code String.replaceAll} compiled it for every message of every request. */
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> tenantCommandDispatch() {
        return TenantMessageInterceptors::stampTenant;
    }

    @Bean
    MessageDispatchInterceptor<QueryMessage<?, ?>> tenantQueryDispatch() {
        return TenantMessageInterceptors::stampTenant;
    }

    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> tenantCommandHandling(TenantAwareTransactionManager tx) {
        return (uow, chain) -> {
            try {
                return withTenant(uow, chain, tx);
            } catch (DomainException e) {
                // Wrapped with its code so the refusal survives a distributed command bus intact.
                throw new CommandExecutionException(
                        e.getMessage(), null, new ErrorDetails(e.code(), e.getMessage(), e.properties()));
            }
        };
    }

    @Bean
    MessageHandlerInterceptor<QueryMessage<?, ?>> tenantQueryHandling(TenantAwareTransactionManager tx) {
        return (uow, chain) -> withTenant(uow, chain, tx);
    }

    @Bean
    MessageHandlerInterceptor<EventMessage<?>> tenantEventHandling(TenantAwareTransactionManager tx) {
        return (uow, chain) -> withTenant(uow, chain, tx);
    }

    /**
     * Deadlines fire later, on a scheduler thread: they carry the tenant of the handler that set
     * them (copied into their metadata by the correlation providers) and are handled with it.
     */
    @Bean
    SmartInitializingSingleton tenantDeadlineHandling(
            ObjectProvider<DeadlineManager> deadlines, TenantAwareTransactionManager tx) {
        return () -> deadlines.ifAvailable(manager -> manager.registerHandlerInterceptor(
                (MessageHandlerInterceptor<DeadlineMessage<?>>) (uow, chain) -> withTenant(uow, chain, tx)));
    }

    private static <M extends Message<?>> BiFunction<Integer, M, M> stampTenant(List<? extends M> messages) {
        return (index, message) -> {
            Map<String, Object> additions = new HashMap<>();
            if (!message.getMetaData().containsKey(MetadataKeys.TENANT_ID)) {
                TenantContext.current().ifPresent(t -> additions.put(MetadataKeys.TENANT_ID, t.toString()));
            }
            if (!message.getMetaData().containsKey(MetadataKeys.USER_ID)) {
                TenantContext.currentUser().ifPresent(u -> {
                    additions.put(MetadataKeys.USER_ID, u.toString());
                    additions.put(MetadataKeys.ACTOR_TYPE, actorType());
                });
            }
            if (!message.getMetaData().containsKey(MetadataKeys.CLIENT_IP)) {
                additions.putAll(requestOrigin());
            }
            @SuppressWarnings("unchecked")
            M stamped = additions.isEmpty() ? message : (M) message.andMetaData(additions);
            return stamped;
        };
    }

    /** How the caller signed in: an API key acts as its own id, a person as their account's. */
    private static String actorType() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof ApiKeyAuthentication ? MetadataKeys.ACTOR_API_KEY : MetadataKeys.ACTOR_USER;
    }

    /**
     * The address and user agent of the HTTP request being served on this thread, for the audit
     * history: messages dispatched elsewhere (sagas, deadlines, scheduled work) carry those of the
     * request that caused them, copied by the correlation data providers, or none.
     */
    private static Map<String, String> requestOrigin() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Map.of();
        }
        HttpServletRequest request = attributes.getRequest();
        Map<String, String> origin = new HashMap<>();
        if (request.getRemoteAddr() != null) {
            origin.put(MetadataKeys.CLIENT_IP, request.getRemoteAddr());
        }
        String agent = request.getHeader("User-Agent");
        if (agent != null) {
            // Control characters never reach the event store's metadata: what the audit shows is text.
            agent = CONTROL_CHARACTERS.matcher(agent).replaceAll("").strip();
            if (!agent.isEmpty()) {
                origin.put(
                        MetadataKeys.USER_AGENT,
                        agent.length() > MAX_USER_AGENT ? agent.substring(0, MAX_USER_AGENT) : agent);
            }
        }
        return origin;
    }

    static Object withTenant(
            UnitOfWork<? extends Message<?>> uow, InterceptorChain chain, TenantAwareTransactionManager tx)
            throws Exception {
        MetaData metaData = uow.getMessage().getMetaData();
        Object tenant = metaData.get(MetadataKeys.TENANT_ID);
        if (tenant == null) {
            throw new IllegalStateException(
                    "message " + uow.getMessage().getPayloadType().getSimpleName()
                            + " carries no tenant; nothing tenant-scoped runs without one");
        }
        TenantId tenantId = TenantId.of(tenant.toString());
        Object user = metaData.get(MetadataKeys.USER_ID);
        try (var scope = TenantContext.enter(tenantId, user == null ? null : UserId.of(user.toString()))) {
            tx.bind(tenantId);
            // With the tenant, user, correlation and trace in the log's context: one line per message
            // handled, for following a request through everything it causes.
            log.debug("handling {}", uow.getMessage().getPayloadType().getSimpleName());
            return chain.proceed();
        }
    }
}
