package dev.tenantcore.infra.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code @EventHandler}: its processor takes an event only when the {@link EventReceivers}
 * named here say something receives it (a {@link ReceiverIndex}: a webhook endpoint or automation
 * rule of the event's tenant); any other event is skipped before a unit of work or transaction is
 * opened, as one of a type the processor has no handler for (its token moves on later, with the
 * next handled event or after a second). The handler still decides for itself: the receivers only
 * spare the events nobody takes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WhenReceived {

    /** What answers, a bean of that type. */
    Class<? extends EventReceivers> value();
}
