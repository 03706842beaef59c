package dev.tenantcore.infra.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code @EventHandler}: its processor takes an event only when the {@link ReceiverIndex}
 * named here says something of the event's tenant receives it; any other event is skipped before
 * a transaction is opened, as one of a type the processor has no handler for (its token moves on
 * later, with the next handled event or after a second). The handler still decides with the
 * receivers' table itself: the index only spares the events nobody takes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WhenReceived {

    /** The index that answers, a bean of that type. */
    Class<? extends ReceiverIndex> value();
}
