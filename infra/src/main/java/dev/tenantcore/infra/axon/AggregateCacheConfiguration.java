package dev.tenantcore.infra.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
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
