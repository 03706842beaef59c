package dev.tenantcore.query.support;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The versioned writes of a rebuild page, held back and sent as JDBC batches: one round trip per
 * run of identical statements instead of one per event.
 *
 * <p>The order of effects never changes, because nothing reaches the database past a held write:
 * every statement of a projection goes through {@link ReadModel} (a batch is opened only for such
 * projections), whose {@link ReadModel#jdbc() template} sends what is held before any statement of
 * its own (a read, a delete, a reset, a keyset page), and {@link VersionedRows} sends it before it
 * switches the transaction's tenant. What is held is sent in the order it was written; a run of the
 * same SQL is one batch, so the batches follow each other in that order too. Each write's {@code
 * then} hears whether it changed its row once its batch has run.
 *
 * <p>Held per thread: a batch is open only on the thread of the rebuild that opened it.
 */
final class PendingWrites {

    private record Pending(String sql, Object[] args, VersionedRows.Write write) {}

    private final JdbcTemplate direct;
    private final ThreadLocal<List<Pending>> held = new ThreadLocal<>();

    PendingWrites(DataSource dataSource) {
        this.direct = new JdbcTemplate(dataSource);
    }

    /**
     * Runs {@code work} with the versioned writes held back and sends what is held when it ends; on
     * failure, what is held is dropped with the transaction it belonged to.
     */
    <T> T during(Supplier<T> work) {
        if (held.get() != null) {
            return work.get();
        }
        held.set(new ArrayList<>());
        try {
            T result = work.get();
            flush();
            return result;
        } finally {
            held.remove();
        }
    }

    boolean open() {
        return held.get() != null;
    }

    void hold(String sql, Object[] args, VersionedRows.Write write) {
        held.get().add(new Pending(sql, args, write));
    }

    /** Sends every held write, in order, one batch per run of identical SQL, then tells each write. */
    void flush() {
        List<Pending> pending = held.get();
        while (pending != null && !pending.isEmpty()) {
            List<Pending> sent = new ArrayList<>(pending);
            pending.clear();
            boolean[] changed = new boolean[sent.size()];
            int start = 0;
            while (start < sent.size()) {
                String sql = sent.get(start).sql();
                int end = start;
                List<Object[]> args = new ArrayList<>();
                while (end < sent.size() && sent.get(end).sql().equals(sql)) {
                    args.add(sent.get(end).args());
                    end++;
                }
                int[] counts = direct.batchUpdate(sql, args);
                for (int i = 0; i < counts.length; i++) {
                    // PostgreSQL reports each statement's count unless inserts are rewritten into one.
                    changed[start + i] = counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO;
                }
                start = end;
            }
            // After all of them: a write's news may read its row, which sends anything held again.
            for (int i = 0; i < sent.size(); i++) {
                sent.get(i).write().written(changed[i]);
            }
        }
    }
}
