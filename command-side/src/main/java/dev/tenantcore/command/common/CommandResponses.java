package dev.tenantcore.command.common;

import dev.tenantcore.api.common.CommandAccepted;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * How command endpoints answer. Every answer carries the aggregate's new version as {@code ETag}.
 * With {@code Prefer: return=representation} the answer waits until the read model has caught up
 * with that version and returns the resource as a GET would, so the caller can read its own write
 * immediately; otherwise it returns at once with {@link CommandAccepted}. Controllers describe each
 * kind of resource once with {@link #resource} and write their endpoints against that.
 */
@Component
public class CommandResponses {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Duration maxWait;

    CommandResponses(
            CommandGateway commands,
            QueryGateway queries,
            @Value("${app.api.read-your-writes-timeout:PT5S}") Duration maxWait) {
        this.commands = commands;
        this.queries = queries;
        this.maxWait = maxWait;
    }

    /**
     * A kind of resource changed by commands: created below {@code basePath}, read back with the
     * query {@code find} makes, whose answer states its version.
     */
    public <I, R> CommandResource<I, R> resource(
            String basePath, Function<I, ?> find, Class<R> type, ToLongFunction<R> versionOf) {
        return new CommandResource<>(this, id -> URI.create(basePath + "/" + id), null, find, type, versionOf);
    }

    /**
     * The same, for a resource whose endpoints name it by a UUID in the path: {@code idOf} makes its
     * identifier from that UUID, so an endpoint passes the path variable as it comes.
     */
    public <I, R> CommandResource<I, R> resource(
            String basePath, Function<UUID, I> idOf, Function<I, ?> find, Class<R> type, ToLongFunction<R> versionOf) {
        return new CommandResource<>(this, id -> URI.create(basePath + "/" + id), idOf, find, type, versionOf);
    }

    Object send(Object command) {
        return commands.sendAndWait(command);
    }

    <I, R> ResponseEntity<Object> respond(
            HttpStatus status,
            URI location,
            I id,
            long version,
            CommandHeaders headers,
            CommandResource<I, R> resource) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).eTag("\"" + version + "\"");
        if (location != null) {
            builder.location(location);
        }
        if (headers.representation()) {
            R representation = awaitVersion(resource.find(id), resource.type(), resource.versionOf(), version);
            if (representation != null) {
                return builder.header("Preference-Applied", "return=representation")
                        .body(representation);
            }
        }
        return builder.body(new CommandAccepted(String.valueOf(id), version));
    }

    /**
     * The answer to {@code query} once the read model has reached {@code version}, or null when it
     * has not within {@code app.api.read-your-writes-timeout}.
     */
    public <Q, R> R awaitVersion(Q query, Class<R> type, ToLongFunction<R> versionOf, long version) {
        SubscriptionQueryResult<R, R> result =
                queries.subscriptionQuery(query, ResponseTypes.instanceOf(type), ResponseTypes.instanceOf(type));
        try {
            return result.initialResult()
                    .concatWith(result.updates())
                    .filter(r -> versionOf.applyAsLong(r) >= version)
                    .blockFirst(maxWait);
        } catch (IllegalStateException timeout) {
            return null;
        } finally {
            result.close();
        }
    }
}
