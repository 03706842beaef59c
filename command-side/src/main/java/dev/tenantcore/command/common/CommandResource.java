package dev.tenantcore.command.common;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * One kind of resource as its command endpoints answer for it: where a new one lives, how it is
 * read back for {@code Prefer: return=representation}, and its version. A transition endpoint is
 * then one call:
 *
 * <pre>{@code
 * return categories.transition(new CategoryId(id), headers, DeactivateCategoryCommand::new);
 * }</pre>
 *
 * where the command is built from the id and the {@code If-Match} version, and its handler returns
 * the aggregate's new version ({@code AggregateLifecycle.getVersion()}), which becomes the ETag.
 *
 * @param <I> the resource's identifier
 * @param <R> its representation, as its GET returns it
 */
public final class CommandResource<I, R> {

    private final CommandResponses responses;
    private final Function<I, URI> location;
    private final Function<UUID, I> idOf;
    private final Function<I, ?> find;
    private final Class<R> type;
    private final ToLongFunction<R> versionOf;

    CommandResource(
            CommandResponses responses,
            Function<I, URI> location,
            Function<UUID, I> idOf,
            Function<I, ?> find,
            Class<R> type,
            ToLongFunction<R> versionOf) {
        this.responses = responses;
        this.location = location;
        this.idOf = idOf;
        this.find = find;
        this.type = type;
        this.versionOf = versionOf;
    }

    /** The same resource, created at {@code path} rather than below the base path. */
    public CommandResource<I, R> locatedAt(Function<I, String> path) {
        return new CommandResource<>(responses, id -> URI.create(path.apply(id)), idOf, find, type, versionOf);
    }

    /**
     * Sends a command that creates {@code id}: {@code 201} with {@code Location}. A constructor
     * handler answers with the identifier, and its aggregate stands at version 0; a creating handler
     * that applies more events answers with the version it reached.
     */
    public ResponseEntity<Object> create(I id, Object command, CommandHeaders headers) {
        Object result = responses.send(command);
        return created(id, result instanceof Long version ? version : 0L, headers);
    }

    /**
     * Sends the command {@code command} builds from {@code id} and the {@code If-Match} version (null
     * for any), whose handler answers with the new version: {@code 200}.
     */
    public ResponseEntity<Object> transition(I id, CommandHeaders headers, BiFunction<? super I, Long, ?> command) {
        long version = (Long) responses.send(command.apply(id, headers.expectedVersion()));
        return ok(id, version, headers);
    }

    /** {@link #transition(Object, CommandHeaders, BiFunction)} for the resource the path's UUID names. */
    public ResponseEntity<Object> transition(UUID id, CommandHeaders headers, BiFunction<? super I, Long, ?> command) {
        return transition(idOf(id), headers, command);
    }

    /** {@link #remove(Object, CommandHeaders, BiFunction)} for the resource the path's UUID names. */
    public ResponseEntity<Void> remove(UUID id, CommandHeaders headers, BiFunction<? super I, Long, ?> command) {
        return remove(idOf(id), headers, command);
    }

    private I idOf(UUID id) {
        if (idOf == null) {
            // A programming error, caught by the first test of the endpoint: declare the resource with idOf.
            throw new IllegalStateException("this resource was declared without its path identifier");
        }
        return idOf.apply(id);
    }

    /**
     * Sends a command that removes {@code id}: {@code 204}, with the last version as {@code ETag}
     * when the handler answers with one.
     */
    public ResponseEntity<Void> remove(I id, CommandHeaders headers, BiFunction<? super I, Long, ?> command) {
        Object result = responses.send(command.apply(id, headers.expectedVersion()));
        ResponseEntity.HeadersBuilder<?> builder = ResponseEntity.noContent();
        if (result instanceof Long version) {
            builder.eTag("\"" + version + "\"");
        }
        return builder.build();
    }

    /** The answer for {@code id}, created at {@code version} by commands the caller sent itself. */
    public ResponseEntity<Object> created(I id, long version, CommandHeaders headers) {
        return responses.respond(HttpStatus.CREATED, location.apply(id), id, version, headers, this);
    }

    /** The answer for {@code id}, changed to {@code version} by commands the caller sent itself. */
    public ResponseEntity<Object> ok(I id, long version, CommandHeaders headers) {
        return responses.respond(HttpStatus.OK, null, id, version, headers, this);
    }

    /**
     * Sends a command that creates {@code id}, then answers {@code id} as its GET does once the read
     * model reached {@code version}: for an endpoint that waits for what follows its own command (a
     * provider's answer, say). Empty when it did not within {@code app.api.read-your-writes-timeout}.
     */
    public Optional<R> createAndAwait(I id, Object command, long version) {
        responses.send(command);
        return Optional.ofNullable(responses.awaitVersion(find(id), type, versionOf, version));
    }

    Object find(I id) {
        return find.apply(id);
    }

    Class<R> type() {
        return type;
    }

    ToLongFunction<R> versionOf() {
        return versionOf;
    }
}
