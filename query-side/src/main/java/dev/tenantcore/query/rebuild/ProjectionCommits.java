package dev.tenantcore.query.rebuild;

import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A projection's streaming processor commits its batches asynchronously ({@link
 * TenantAwareTransactionManager#commitAsynchronously}): without waiting for the flush of the
 * write-ahead log, about half of what a transaction like a processor's costs the machine with a
 * synchronous commit (pgbench, bench/README.md), and time the row is not yet visible. It is safe
 * for exactly the processors that {@link Projections} can rebuild: their rows are derived from the
 * event store, which commands still write synchronously, and their token commits with them, so a
 * commit the database server loses in a crash takes the token back with the rows, and the processor
 * reads those events again and writes the same rows (every projection's writes are idempotent).
 * Processors with effects outside their rows (mail, webhooks, commands sent, sagas) and subscribing
 * processors, which run in the command's own transaction, keep waiting for the disk.
 *
 * <p>A processor is one processing group here, so the projection's name is its processor's.
 */
@Component
class ProjectionCommits implements ConfigurerModule {

    private final Projections projections;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<TenantAwareTransactionManager> transactions;

    ProjectionCommits(
            Projections projections,
            ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<TenantAwareTransactionManager> transactions) {
        this.projections = projections;
        this.processing = processing;
        this.transactions = transactions;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing(eventProcessing ->
                eventProcessing.registerDefaultHandlerInterceptor((configuration, processor) ->
                        ProcessorInterceptors.where(processor, this::asynchronous, (unitOfWork, chain) -> {
                            transactions.getObject().commitAsynchronously();
                            return chain.proceed();
                        })));
    }

    /** Whether the batches of {@code processor} commit without waiting for the disk. */
    boolean asynchronous(String processor) {
        return projections.all().containsKey(processor)
                && processing
                        .getObject()
                        .eventProcessor(processor, StreamingEventProcessor.class)
                        .isPresent();
    }
}
