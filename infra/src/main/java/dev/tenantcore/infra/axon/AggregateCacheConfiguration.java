package dev.tenantcore.infra.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The aggregate cache and what makes it safe with several nodes. Aggregates opt in with
 * {@code @Aggregate(cache = "aggregateCache")}; only aggregates whose state holds no personal data
 * do (an erasure must not leave decrypted personal data in any node's memory). With
 * {@code app.aggregate-cache.enabled=false} the same bean is Axon's {@link NoCache} and every command
 * loads its aggregate from the store, as before.
 *
 * <p>The command gateway re-runs a command the store refused because another node appended to its
 * aggregate first ({@link StoreConflictRetries}), so no client sees an error caused by a stale cache.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfiguration {

    public static final String CACHE = "aggregateCache";

    @Bean(CACHE)
    Cache aggregateCache(
            @Value("${app.aggregate-cache.enabled:true}") boolean enabled,
            @Value("${app.aggregate-cache.size:10000}") long size) {
        return enabled ? new CaffeineAggregateCache(size) : NoCache.INSTANCE;
    }

    /**
     * A command on an aggregate served from the cache that appends nothing (a change to what the
     * aggregate already holds, a refusal decided in the handler) would meet no unique key. So before
     * a command on a cached aggregate is handled, the store's last sequence number of the aggregate
     * (one index lookup) is compared with the cached version; a stale entry is dropped and the
     * aggregate loads from the store. An append by another node after that lookup still meets the
     * unique key and is re-run by {@link StoreConflictRetries}.
     */
    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> aggregateCacheCurrency(
            @Qualifier(CACHE) Cache cache, EventStore events) {
        CommandTargetResolver targets =
                AnnotationCommandTargetResolver.builder().build();
        return (unitOfWork, chain) -> {
            if (cache instanceof CaffeineAggregateCache cached) {
                String id = targetOf(targets, unitOfWork.getMessage());
                Long version = id == null ? null : cached.cachedVersion(id);
                if (version != null
                        && !version.equals(events.lastSequenceNumberFor(id).orElse(null))) {
                    cached.dropStale(id);
                }
            }
            return chain.proceed();
        };
    }

    private static String targetOf(CommandTargetResolver targets, CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return null;
        }
    }

    /** Replaces Axon's resolver, which does not recognise PostgreSQL's duplicate key (see there). */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolations();
    }

    @Bean
    StoreConflictRetries storeConflictRetries(@Value("${app.aggregate-cache.conflict-retries:5}") int retries) {
        return new StoreConflictRetries(retries);
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, StoreConflictRetries retries) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(retries)
                .build();
    }
}
