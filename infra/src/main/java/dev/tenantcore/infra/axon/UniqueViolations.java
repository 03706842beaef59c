package dev.tenantcore.infra.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon's event store that PostgreSQL refused an event because its aggregate already has one at
 * that sequence number ({@code unique_violation}, SQLSTATE 23505), so that the store reports a
 * {@code ConcurrencyException} (or, at sequence 0, an {@code AggregateStreamCreationException}) rather
 * than a bare {@code EventStoreException}. Axon's JDBC resolver looks at vendor error codes, which
 * the PostgreSQL driver leaves at 0, and the driver wraps the refusal in a {@code BatchUpdateException}:
 * the SQLSTATE is searched along the causes.
 */
public final class UniqueViolations implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
