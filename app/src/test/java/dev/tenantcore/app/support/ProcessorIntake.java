package dev.tenantcore.app.support;

import dev.tenantcore.api.common.MetadataKeys;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;

/** What an event processor of the running application would take, asked of its handlers directly. */
public final class ProcessorIntake {

    private ProcessorIntake() {}

    /** An event of {@code tenant} as a processor meets it. */
    public static EventMessage<?> eventOf(String tenant, Object payload) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(Map.of(MetadataKeys.TENANT_ID, tenant));
    }

    /** Whether the named processor would take {@code event}, or skip it without a transaction. */
    public static boolean takes(EventProcessingConfiguration processing, String processor, EventMessage<?> event) {
        return processing
                .eventProcessor(processor, AbstractEventProcessor.class)
                .orElseThrow()
                .eventHandlerInvoker()
                .canHandle(event, Segment.ROOT_SEGMENT);
    }
}
