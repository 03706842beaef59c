package dev.tenantcore.infra.events;

import java.lang.reflect.Method;
import javax.annotation.Nonnull;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/** Makes a {@link WhenReceived} handler decline the events its {@link EventReceivers} say nobody receives. */
@Component
class ReceiverFilter implements HandlerEnhancerDefinition {

    private final BeanFactory beans;

    ReceiverFilter(BeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        return original.unwrap(Method.class)
                .map(method -> method.getAnnotation(WhenReceived.class))
                .<MessageHandlingMember<T>>map(when -> new Filtered<>(original, when.value()))
                .orElse(original);
    }

    private final class Filtered<T> extends WrappedMessageHandlingMember<T> {

        private final Class<? extends EventReceivers> receiversType;
        // Looked up on first use: handlers are inspected while the context is still being built.
        private volatile EventReceivers receivers;

        private Filtered(MessageHandlingMember<T> delegate, Class<? extends EventReceivers> receiversType) {
            super(delegate);
            this.receiversType = receiversType;
        }

        @Override
        public boolean canHandle(@Nonnull Message<?> message) {
            return super.canHandle(message)
                    && (!(message instanceof EventMessage<?> event)
                            || receivers().receives(event));
        }

        private EventReceivers receivers() {
            EventReceivers current = receivers;
            if (current == null) {
                current = beans.getBean(receiversType);
                receivers = current;
            }
            return current;
        }
    }
}
