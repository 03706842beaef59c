package dev.tenantcore.query.support;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.List;
import java.util.function.ToLongFunction;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * How query endpoints ask the read models, so that each one is a query and nothing else: the
 * answer is awaited on the request thread with the handler's own exception ({@link QueryResults}),
 * and a single resource answers either with its version as {@code ETag} or, when the handler
 * found nothing (which includes another tenant's or another customer's resource), with the same
 * {@code NOT_FOUND} problem.
 */
@Component
public class ReadQueries {

    /**
     * The detail of {@code NOT_FOUND} for a resource that is missing, another tenant's or another
     * customer's: the answer must not tell them apart.
     */
    public static final String MISSING = "The resource does not exist.";

    private final QueryGateway queries;

    ReadQueries(QueryGateway queries) {
        this.queries = queries;
    }

    /** The handler's answer to {@code query}, or null when it found nothing. */
    public <R> R one(Object query, Class<R> type) {
        return QueryResults.join(queries.query(query, ResponseTypes.instanceOf(type)));
    }

    public <R> List<R> list(Object query, Class<R> type) {
        return QueryResults.join(queries.query(query, ResponseTypes.multipleInstancesOf(type)));
    }

    /** The answer to {@code query}; {@code NOT_FOUND} with {@code missing} as detail when there is none. */
    public <R> R found(Object query, Class<R> type, String missing) {
        return found(one(query, type), missing);
    }

    /** {@code answer}, already fetched; {@code NOT_FOUND} with {@code missing} as detail when null. */
    public static <R> R found(R answer, String missing) {
        if (answer == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, missing);
        }
        return answer;
    }

    /** The one resource {@code query} finds, with its version as {@code ETag}; else {@code NOT_FOUND}. */
    public <R> ResponseEntity<R> versioned(Object query, Class<R> type, ToLongFunction<R> version, String missing) {
        return versioned(one(query, type), version, missing);
    }

    /** {@link #versioned(Object, Class, ToLongFunction, String)} with the {@link #MISSING} detail. */
    public <R> ResponseEntity<R> versioned(Object query, Class<R> type, ToLongFunction<R> version) {
        return versioned(query, type, version, MISSING);
    }

    /** {@code answer} with its version as {@code ETag}; {@code NOT_FOUND} when null. */
    public static <R> ResponseEntity<R> versioned(R answer, ToLongFunction<R> version, String missing) {
        R resource = found(answer, missing);
        return VersionedResponses.ok(resource, version.applyAsLong(resource));
    }
}
