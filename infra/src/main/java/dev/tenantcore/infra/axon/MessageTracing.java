package dev.tenantcore.infra.axon;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryMessage;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * One trace from a request through everything it causes: command, events, the projections and
 * sagas that handle them, and the commands those send, on whatever node and however much later.
 *
 * <p>A message dispatched or created while a span is current carries that span's context in its
 * metadata, in the W3C form ({@code traceparent}, as an HTTP request carries it), so the event store keeps it
 * with every event. Each handler runs in a span that continues that trace, so the trace id is in
 * every log line the handler writes ({@code traceId} in the log's context), and in the metadata of
 * what it dispatches in turn. Axon's own {@code correlationId} (the message that started it all)
 * goes into the log's context too. The handler interceptors run first (outermost), so the tenant's
 * interceptor and the handler already run inside the span. With tracing switched off, Spring Boot's
 * no-op tracer and propagator stand in, and messages go unstamped.
 */
@Configuration(proxyBeanMethods = false)
public class MessageTracing {

    static final String CORRELATION_ID = "correlationId";
    /** The unit of work's resource holding its handler span's context, as metadata entries. */
    private static final String SPAN_CONTEXT = MessageTracing.class.getName() + ".span";

    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> traceCommandDispatch(Tracer tracer, Propagator propagator) {
        return messages -> stampTrace(tracer, propagator);
    }

    /**
     * For what a handler creates: the events an aggregate applies and the commands a saga sends take
     * the handler's span from its unit of work. Not from the thread: Axon may take correlation data
     * for events when the unit of work commits, after the handler's span has ended.
     */
    @Bean
    CorrelationDataProvider traceCorrelation() {
        return handled -> CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().getOrDefaultResource(SPAN_CONTEXT, Map.<String, String>of())
                : Map.of();
    }

    @Bean
    MessageDispatchInterceptor<QueryMessage<?, ?>> traceQueryDispatch(Tracer tracer, Propagator propagator) {
        return messages -> stampTrace(tracer, propagator);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    MessageHandlerInterceptor<CommandMessage<?>> traceCommandHandling(Tracer tracer, Propagator propagator) {
        return (uow, chain) -> traced(uow, chain, tracer, propagator);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    MessageHandlerInterceptor<EventMessage<?>> traceEventHandling(Tracer tracer, Propagator propagator) {
        return (uow, chain) -> traced(uow, chain, tracer, propagator);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    MessageHandlerInterceptor<QueryMessage<?, ?>> traceQueryHandling(Tracer tracer, Propagator propagator) {
        return (uow, chain) -> traced(uow, chain, tracer, propagator);
    }

    private static <M extends Message<?>> BiFunction<Integer, M, M> stampTrace(Tracer tracer, Propagator propagator) {
        return (index, message) -> {
            Span current = tracer.currentSpan();
            if (current == null || message.getMetaData().containsKey("traceparent")) {
                return message;
            }
            Map<String, String> carrier = new HashMap<>();
            propagator.inject(current.context(), carrier, Map::put);
            @SuppressWarnings("unchecked")
            M stamped = carrier.isEmpty() ? message : (M) message.andMetaData(carrier);
            return stamped;
        };
    }

    private static Object traced(
            UnitOfWork<? extends Message<?>> uow, InterceptorChain chain, Tracer tracer, Propagator propagator)
            throws Exception {
        Message<?> message = uow.getMessage();
        MetaData metaData = message.getMetaData();
        Span span = (metaData.containsKey("traceparent")
                        ? propagator.extract(metaData, (carrier, key) -> stringOrNull(carrier.get(key)))
                        : tracer.spanBuilder())
                .name(message.getPayloadType().getSimpleName())
                .kind(Span.Kind.CONSUMER)
                .start();
        // A message that nothing caused (a request's command) is its own origin, as Axon counts it for
        // the messages it causes.
        Object correlation = metaData.getOrDefault(CORRELATION_ID, message.getIdentifier());
        String previousCorrelation = MDC.get(CORRELATION_ID);
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            // Injected from within the scope: the bridge reads the span's context from the current one.
            Map<String, String> context = new HashMap<>();
            propagator.inject(tracer.currentSpan().context(), context, Map::put);
            uow.resources().put(SPAN_CONTEXT, context);
            MDC.put(CORRELATION_ID, correlation.toString());
            return chain.proceed();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
            if (previousCorrelation == null) {
                MDC.remove(CORRELATION_ID);
            } else {
                MDC.put(CORRELATION_ID, previousCorrelation);
            }
        }
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }
}
