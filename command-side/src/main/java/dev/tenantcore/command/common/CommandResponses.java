package dev.tenantcore.command.common;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * immediately; otherwise it returns at once with the id and version.
 */
@Component
public class CommandResponses {

    private static final Pattern VERSION = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private final QueryGateway queries;
    private final Duration maxWait;

    CommandResponses(QueryGateway queries, @Value("${app.api.read-your-writes-timeout:PT5S}") Duration maxWait) {
        this.queries = queries;
        this.maxWait = maxWait;
    }

    /** The version named by an {@code If-Match} header, or null when the header is absent or {@code *}. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher m = VERSION.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "If-Match must be an ETag returned by this API.");
        }
        return Long.parseLong(m.group(1));
    }

    public <Q, R> ResponseEntity<Object> respond(
            HttpStatus status,
            URI location,
            Object id,
            long version,
            String prefer,
            Q query,
            Class<R> type,
            ToLongFunction<R> versionOf) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).eTag("\"" + version + "\"");
        if (location != null) {
            builder.location(location);
        }
        if (prefer != null && prefer.contains("return=representation")) {
            R representation = awaitVersion(query, type, versionOf, version);
            if (representation != null) {
                return builder.header("Preference-Applied", "return=representation")
                        .body(representation);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("version", version);
        return builder.body(body);
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
