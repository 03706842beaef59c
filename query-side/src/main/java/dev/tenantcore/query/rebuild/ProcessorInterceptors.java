package dev.tenantcore.query.rebuild;

import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * Handler interceptors for some processors only. Axon builds every processor's interceptors before
 * the projections and the processors' kinds are known, so whether one applies is decided at that
 * processor's first event, once.
 */
final class ProcessorInterceptors {

    private ProcessorInterceptors() {}

    /** {@code interceptor} on {@code processor} if {@code applies} to it; else events pass through. */
    static MessageHandlerInterceptor<EventMessage<?>> where(
            String processor, Predicate<String> applies, MessageHandlerInterceptor<EventMessage<?>> interceptor) {
        Boolean[] decided = new Boolean[1];
        return (unitOfWork, chain) -> {
            Boolean applied = decided[0];
            if (applied == null) {
                applied = applies.test(processor);
                decided[0] = applied;
            }
            return applied ? interceptor.handle(unitOfWork, chain) : chain.proceed();
        };
    }
}
