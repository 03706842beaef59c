package dev.tenantcore.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoreConflictRetriesTest {

    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("change");

    @Test
    @DisplayName("another node's append is re-run at once, a bounded number of times")
    void retriesStoreConflicts() {
        StoreConflictRetries retries = new StoreConflictRetries(2);
        AtomicInteger dispatched = new AtomicInteger();
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        RuntimeException conflict = new ConcurrencyException("seq 3 exists");
        for (int i = 1; i <= 2; i++) {
            failures.add(failure());
            assertThat(retries.scheduleRetry(command, conflict, failures, dispatched::incrementAndGet))
                    .isTrue();
        }
        failures.add(failure());
        assertThat(retries.scheduleRetry(command, conflict, failures, dispatched::incrementAndGet))
                .as("the third conflict reaches the caller")
                .isFalse();
        assertThat(dispatched).hasValue(2);
        assertThat(retries.retried()).isEqualTo(2);
    }

    @Test
    @DisplayName("a stale If-Match, an existing stream at creation and other failures are not retried")
    void leavesOtherFailures() {
        StoreConflictRetries retries = new StoreConflictRetries(3);
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(failure());
        for (RuntimeException failure : List.of(
                new ConflictingAggregateVersionException("p", 1, 2),
                new AggregateStreamCreationException("exists"),
                new EventStoreException("disk full"),
                new IllegalStateException("refused"))) {
            assertThat(retries.scheduleRetry(command, failure, failures, () -> {}))
                    .as(failure.toString())
                    .isFalse();
        }
        assertThat(retries.retried()).isZero();
    }

    @Test
    @DisplayName("PostgreSQL's unique violation is recognised through the driver's batch wrapper")
    void recognisesUniqueViolation() {
        UniqueViolations resolver = new UniqueViolations();
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 aborted", "23505", 0, new int[0]);
        assertThat(resolver.isDuplicateKeyViolation(batch)).isTrue();
        BatchUpdateException wrapping = new BatchUpdateException("Batch entry 0 aborted", null, 0, new int[0]);
        wrapping.setNextException(new SQLException("duplicate key", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(wrapping)))
                .isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("check violated", "23514")))
                .isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] failure() {
        return new Class[] {ConcurrencyException.class};
    }
}
