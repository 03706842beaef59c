package dev.tenantcore.infra.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;

/**
 * The headers {@link dev.tenantcore.infra.edge.RateLimitFilter} sends on every counted response.
 * A request refused before it is counted (an unknown tenant, a rejected token) carries none, so
 * they are required only on successes and on {@code 429}. Successes refer to the shared header
 * components; the problem responses (components themselves) hold their own copies.
 */
final class RateLimitHeaders {

    private RateLimitHeaders() {}

    static final List<String> NAMES =
            List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy");

    /** The required headers as components, for the success responses of counted routes. */
    static void addTo(Components components) {
        ApiResponse holder = new ApiResponse();
        addTo("200", holder);
        holder.getHeaders().forEach(components::addHeaders);
    }

    static void referTo(ApiResponse response) {
        NAMES.forEach(name -> response.addHeaderObject(name, new Header().$ref("#/components/headers/" + name)));
    }

    static void addTo(String status, ApiResponse response) {
        boolean always = status.startsWith("2") || status.equals("429");
        response.addHeaderObject(
                "RateLimit-Limit",
                new Header()
                        .required(always)
                        .description("Requests allowed per window.")
                        .schema(new IntegerSchema().format("int64").example(100)));
        response.addHeaderObject(
                "RateLimit-Remaining",
                new Header()
                        .required(always)
                        .description("Requests left in the current window.")
                        .schema(new IntegerSchema().format("int64").example(99)));
        response.addHeaderObject(
                "RateLimit-Reset",
                new Header()
                        .required(always)
                        .description("Seconds until the full quota is available again.")
                        .schema(new IntegerSchema().format("int64").example(1)));
        response.addHeaderObject(
                "RateLimit-Policy",
                new Header()
                        .required(always)
                        .description("The quota and its window in seconds.")
                        .schema(new StringSchema().example("100;w=60")));
        // A busy service (503) says when to come back as a rate limit does.
        if (status.equals("429") || status.equals("503")) {
            response.addHeaderObject(
                    "Retry-After",
                    new Header()
                            .required(true)
                            .description("Seconds to wait before trying again.")
                            .schema(new IntegerSchema().format("int64").example(30)));
        }
    }
}
