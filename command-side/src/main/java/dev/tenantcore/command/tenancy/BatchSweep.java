package dev.tenantcore.command.tenancy;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a recurring sweep (lapsed domain claims, ended trials): what is due, a batch at a time.
 * An item whose handling fails is logged and left for the next run; a run stops at a short batch or
 * at a batch of which nothing succeeded, so it cannot spin on items that keep failing, and after
 * {@link #MOST_BATCHES} batches, so one run never holds its scheduler thread for long.
 */
final class BatchSweep {

    static final int BATCH = 100;
    static final int MOST_BATCHES = 50;

    private static final Logger log = LoggerFactory.getLogger(BatchSweep.class);

    private BatchSweep() {}

    /**
     * {@code due} answers up to the given number of due items; {@code describe} names what failed for
     * the log. Answers how many items were handled.
     */
    static <T> int run(IntFunction<List<T>> due, Consumer<T> handle, Function<T, String> describe) {
        int handled = 0;
        for (int batch = 0; batch < MOST_BATCHES; batch++) {
            List<T> items = due.apply(BATCH);
            int done = 0;
            for (T item : items) {
                try {
                    handle.accept(item);
                    done++;
                } catch (RuntimeException e) {
                    log.warn("could not {}", describe.apply(item), e);
                }
            }
            handled += done;
            if (items.size() < BATCH || done == 0) {
                break;
            }
        }
        return handled;
    }
}
