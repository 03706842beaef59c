package dev.tenantcore.command.common;

import static org.hamcrest.Matchers.equalTo;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** What aggregate tests share: the metadata a command is sent with, and how a refusal is recognised. */
public final class CommandFixtures {

    /**
     * The tenant whose staff send the commands of an aggregate test. One pair of tenants serves every
     * such test, so that "another tenant" always means the same thing: {@link #GLOBEX}.
     */
    public static final TenantId ACME = TenantId.random();

    /** The other tenant, whose aggregates Acme must never reach and whose names Acme may reuse. */
    public static final TenantId GLOBEX = TenantId.random();

    private CommandFixtures() {}

    /**
     * A fixture for {@code aggregate} wired as the application wires it: the tenant comes from the
     * command's metadata (see {@link #from}), and {@code resources} are its handlers' collaborators.
     */
    public static <A> AggregateTestFixture<A> fixtureFor(Class<A> aggregate, Object... resources) {
        AggregateTestFixture<A> fixture = new AggregateTestFixture<>(aggregate);
        for (Object resource : resources) {
            fixture.registerInjectableResource(resource);
        }
        fixture.registerCommandHandlerInterceptor(new TenantContextInterceptor());
        return fixture;
    }

    /** The metadata of a command sent on behalf of {@code tenant}. */
    public static Map<String, Object> from(TenantId tenant) {
        return Map.of(MetadataKeys.TENANT_ID, tenant.toString());
    }

    /** A {@link DomainException} carrying {@code code}. */
    public static Matcher<DomainException> refusedWith(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a DomainException with code", "code") {
            @Override
            protected ErrorCode featureValueOf(DomainException actual) {
                return actual.code();
            }
        };
    }

    /**
     * Sends {@code command} on behalf of {@code sender} after the given history and expects a
     * refusal with {@code code} that records nothing: a refused command must leave no trace.
     */
    public static void assertRefused(TestExecutor<?> given, Object command, TenantId sender, ErrorCode code) {
        given.when(command, from(sender)).expectNoEvents().expectException(refusedWith(code));
    }

    /**
     * Sends {@code command} on behalf of {@code sender} after the given history and expects it to
     * record exactly {@code events} and to answer the aggregate's new {@code version}, which the
     * caller returns as the ETag. The validator is returned for what a test checks beyond that.
     */
    public static ResultValidator<?> assertAccepted(
            TestExecutor<?> given, Object command, TenantId sender, long version, Object... events) {
        return given.when(command, from(sender)).expectEvents(events).expectResultMessagePayload(version);
    }

    /**
     * Sends {@code command} on behalf of {@code sender} after the given history and expects the
     * framework to refuse it with {@code failure} (a stale version, a deleted or missing aggregate)
     * before anything is recorded.
     */
    public static void assertRefused(
            TestExecutor<?> given, Object command, TenantId sender, Class<? extends Throwable> failure) {
        given.when(command, from(sender)).expectNoEvents().expectException(failure);
    }

    /**
     * Sends {@code command} on behalf of {@code sender} after the given history and expects it to
     * change nothing: no event, and the version the aggregate already had as the answer, which is
     * what makes a retried command safe.
     */
    public static void assertUnchanged(TestExecutor<?> given, Object command, TenantId sender, long version) {
        given.when(command, from(sender)).expectNoEvents().expectResultMessagePayload(version);
    }

    /**
     * A case of a parameterized test that refuses {@code input}, named by what is wrong with it;
     * {@code context} are the case's further arguments, such as who sends it.
     */
    public static Arguments invalid(String description, Object input, Object... context) {
        Object[] arguments = new Object[context.length + 1];
        arguments[0] = Named.of(description, input);
        System.arraycopy(context, 0, arguments, 1, context.length);
        return Arguments.of(arguments);
    }
}
