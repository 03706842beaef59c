package dev.tenantcore.query.support;

import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;

/**
 * Pushes a changed read-model row to the subscription queries waiting on it: this is how a command
 * endpoint answers with its own write ({@code Prefer: return=representation}). Inside an event
 * handler Axon holds the update until the transaction commits, so no subscriber ever receives a
 * row that is not yet readable. When nobody waits on the query type, the row is not read at all:
 * most events are handled with no subscriber (every event of a replay or a rebuild, and every
 * command sent without {@code Prefer: return=representation}), and the read would be the handler's
 * second statement. A subscriber always subscribes before its command is sent, so it is there when
 * the command's event is handled.
 */
class QueryUpdates {

    private final QueryUpdateEmitter emitter;

    QueryUpdates(QueryUpdateEmitter emitter) {
        this.emitter = emitter;
    }

    /**
     * Reads the row as it is now and sends it to each subscriber of {@code queryType} that
     * {@code interested} accepts; nothing is sent when the row is gone. The filter sees the row,
     * so a subscriber only hears of rows its own query would have answered (a storefront of an
     * active product, a customer of their own order).
     */
    public <Q, R> void publish(Class<Q> queryType, Supplier<R> current, BiPredicate<? super Q, ? super R> interested) {
        if (!awaited(queryType)) {
            return;
        }
        R row = current.get();
        if (row != null) {
            emitter.emit(queryType, q -> interested.test(q, row), row);
        }
    }

    /** As {@link #publish}, but only when the event changed the row: a replayed event sends nothing. */
    public <Q, R> void publishIf(
            boolean changed, Class<Q> queryType, Supplier<R> current, BiPredicate<? super Q, ? super R> interested) {
        if (changed) {
            publish(queryType, current, interested);
        }
    }

    /** The row is gone: there is nothing to send, and ending the subscriptions tells waiters so. */
    public <Q> void complete(Class<Q> queryType, Predicate<? super Q> filter) {
        emitter.complete(queryType, filter);
    }

    /** Whether a subscription query of {@code queryType} is open on this node (as {@code emit} matches them). */
    private boolean awaited(Class<?> queryType) {
        for (SubscriptionQueryMessage<?, ?, ?> query : emitter.activeSubscriptions()) {
            if (queryType.isAssignableFrom(query.getPayloadType())) {
                return true;
            }
        }
        return false;
    }
}
