package dev.tenantcore.infra.axon;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, but the event store's reader (the one that follows the head for every
 * processor, {@code EmbeddedEventStore}'s producer) stops at a page shorter than a full batch.
 *
 * <p>Axon reads the stream page by page until a page comes back empty, and an empty page costs a
 * second statement, its look-ahead for a gap wider than a page ({@code min(global_index)}). The
 * reader then reads again at once whenever it found events, so after each commit it read the new
 * events, an empty page and its look-ahead, and once more an empty page and its look-ahead: five
 * statements for one price change ({@code bench/statements.sh}). A short page is almost always the
 * head; where it is not (events beyond a run of rolled-back positions), the reader's own second read
 * goes on from there. So this reader reads the new events, then once an empty page and its look-ahead.
 *
 * <p>Streams that a processor reads on its own ({@code mayBlock} false: it fell behind the reader's
 * cache) read as Axon does, until an empty page: such a stream ends only at the head, and a processor
 * whose stream ended early would wait for the next event before reading on.
 */
final class TailingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    TailingJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, false);
        }
        return StreamSupport.stream(new Pages(trackingToken), false);
    }

    /** Page after page from a token, up to and including the first page shorter than a batch. */
    private final class Pages extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> page;
        private boolean lastPage;

        private Pages(TrackingToken from) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.last = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (page == null || !page.hasNext()) {
                if (lastPage) {
                    return false;
                }
                List<? extends TrackedEventData<?>> items = fetchTrackedEvents(last, batchSize());
                lastPage = items.size() < batchSize();
                page = items.iterator();
            }
            if (!page.hasNext()) {
                return false;
            }
            TrackedEventData<?> next = page.next();
            last = next.trackingToken();
            action.accept(next);
            return true;
        }
    }
}
