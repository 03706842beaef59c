package dev.tenantcore.command.common;

import static dev.tenantcore.command.common.CommandFixtures.assertRefused;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of an aggregate's refusals: each row is a command sent after a history and refused
 * with a stable error code, recording nothing. An aggregate test implements this with a static
 * {@code refusals()} that lists its rows (see {@link #refusal}, {@link #refusedAsInvalid}); a
 * refusal that must also leave a lookup untouched (a slug, a reservation) stays a test of its own.
 */
public interface Refusals extends CommandTables {

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    @DisplayName("a refused command records nothing and answers a stable error code")
    // A row without a sender is sent by the test's sender(); only a few rows name another.
    default void eachRefusal(List<?> history, Object command, TenantId sender, ErrorCode code) {
        assertRefused(fixture().given(history), command, sender == null ? sender() : sender, code);
    }

    /** A row of {@code refusals()}: {@code command}, sent by the test's sender after {@code history}, is refused with {@code code}. */
    static Arguments refusal(String description, List<?> history, Object command, ErrorCode code) {
        return Arguments.of(Named.of(description, history), command, null, code);
    }

    /**
     * Rows of {@code refusals()} for a table of invalid commands built with {@link
     * CommandFixtures#invalid} (the command first, named by what is wrong with it): each, sent by
     * the test's sender after {@code history}, is refused as {@link ErrorCode#VALIDATION_FAILED},
     * and named "{@code what}: … is refused as invalid".
     */
    static Stream<Arguments> refusedAsInvalid(String what, List<?> history, Stream<Arguments> invalid) {
        return refusedAsInvalid(what, null, history, invalid);
    }

    /** As {@link #refusedAsInvalid(String, List, Stream)}, sent by {@code sender}. */
    static Stream<Arguments> refusedAsInvalid(
            String what, TenantId sender, List<?> history, Stream<Arguments> invalid) {
        return invalid.map(arguments -> {
            Named<?> command = (Named<?>) arguments.get()[0];
            String description = what + ": " + command.getName() + " is refused as invalid";
            return Arguments.of(
                    Named.of(description, history), command.getPayload(), sender, ErrorCode.VALIDATION_FAILED);
        });
    }
}
