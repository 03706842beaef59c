package dev.tenantcore.infra.axon;

import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Duration;
import javax.annotation.Nonnull;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs each event handler inside a savepoint of the transaction its processor opened.
 *
 * <p>PostgreSQL aborts a whole transaction at its first failed statement. Without a savepoint, a
 * projection whose SQL fails (a constraint, a value out of range) leaves a transaction in which
 * the dead-letter queue can no longer park the event: the processor rolls back, retries the same
 * event forever, and every tenant whose events fall into that segment waits behind it. Rolled
 * back to the savepoint, the transaction is usable again, so the event is dead-lettered with its
 * cause (where staff can see and retry it) and the processor carries on with the next one.
 *
 * <p>A savepoint costs two round trips (set and release) per handler and event: half the statements
 * of a price change went to them. So handlers run without one until a handler fails; from then on,
 * for {@link #CAREFUL}, every handler of this node runs in one. The failure that taught it rolls its
 * batch back (the dead letter could not be written in the aborted transaction), and the processor's
 * retry, a second later, finds the node careful and parks the event. A failure that left the
 * transaction usable (an exception in Java, not in SQL) is parked at once, as before.
 *
 * <p>Saga handlers are left alone: the saga processor has no dead-letter queue and retries a
 * failure, as it must not skip a step of a payment.
 */
@Component
class EventHandlerSavepoints implements HandlerEnhancerDefinition {

    /** How long after a handler's failure every handler runs in a savepoint. */
    static final Duration CAREFUL = Duration.ofMinutes(5);

    private final DataSource dataSource;
    private volatile long carefulUntil = System.nanoTime() - 1;

    EventHandlerSavepoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        boolean eventHandler = original.canHandleMessageType(EventMessage.class)
                && original.annotationAttributes(EventHandler.class).isPresent()
                && original.annotationAttributes(SagaEventHandler.class).isEmpty();
        return eventHandler ? new Savepointed<>(original) : original;
    }

    private final class Savepointed<T> extends WrappedMessageHandlingMember<T> {

        private Savepointed(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return super.handle(message, target);
            }
            if (System.nanoTime() - carefulUntil > 0) {
                try {
                    return super.handle(message, target);
                } catch (Exception | Error failure) {
                    carefulUntil = System.nanoTime() + CAREFUL.toNanos();
                    throw failure;
                }
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            Savepoint savepoint = connection.setSavepoint();
            Object result;
            try {
                result = super.handle(message, target);
            } catch (Exception | Error failure) {
                connection.rollback(savepoint);
                throw failure;
            }
            connection.releaseSavepoint(savepoint);
            return result;
        }
    }
}
