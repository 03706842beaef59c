package dev.tenantcore.command.common;

import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of an aggregate's plain transitions: each row is a command sent after a history, with
 * the events it records and the version the caller then gets back as its ETag. A row without
 * events is a command that changes nothing and answers the version the aggregate already had,
 * which is what makes a retried command safe. An aggregate test implements this with a static
 * {@code transitions()} that lists its rows (see {@link #transition}); a test that checks more
 * than the events (a released slug, a reservation) stays a test of its own.
 */
public interface Transitions extends CommandTables {

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    @DisplayName("a command after a history records its events and answers the version, or changes nothing")
    default void eachTransition(List<?> history, Object command, long version, List<?> events) {
        if (events.isEmpty()) {
            assertUnchanged(fixture().given(history), command, sender(), version);
        } else {
            assertAccepted(fixture().given(history), command, sender(), version, events.toArray());
        }
    }

    /**
     * A row of {@code transitions()}: {@code command} after {@code history} records {@code events}
     * (none: it changes nothing) and leaves the aggregate at {@code version}.
     */
    static Arguments transition(String description, List<?> history, Object command, long version, Object... events) {
        return Arguments.of(Named.of(description, history), command, version, List.of(events));
    }
}
