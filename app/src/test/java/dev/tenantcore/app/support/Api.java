package dev.tenantcore.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real HTTP client for the running application. Requests are built fluently:
 * {@code api.post("/api/v1/products").origin(shop).bearer(token).json(body).send()}. Every
 * response is checked against the API document the application serves (see {@link Contract}).
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public Api(int port) {
        this.port = port;
        // Loaded here rather than on the first response, which may be awaited with a short timeout.
        Contract.load(port);
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call post(String path) {
        return new Call("POST", path);
    }

    public Call patch(String path) {
        return new Call("PATCH", path);
    }

    public Call put(String path) {
        return new Call("PUT", path);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    public Call options(String path) {
        return new Call("OPTIONS", path);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** The browser origin of a tenant's storefront, which selects the tenant. */
        public Call origin(String domain) {
            return header("Origin", "http://" + domain + ":3000");
        }

        public Call host(String domain) {
            return header("Host", domain);
        }

        public Call bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** A call to {@code shop} (its storefront origin selects the tenant), signed in with {@code token}. */
        public Call in(Platform.Shop shop, String token) {
            return origin(shop.domain()).bearer(token);
        }

        /** Asks for the resource back in the answer, as a client that renders the result would. */
        public Call returningRepresentation() {
            return header("Prefer", "return=representation");
        }

        /** Acts only if the resource is still at {@code version} (optimistic concurrency). */
        public Call ifMatch(long version) {
            return header("If-Match", "\"" + version + "\"");
        }

        public Call json(Object value) {
            return raw(value instanceof String s ? s : Api.json(value));
        }

        public Call raw(String text) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        public Call bytes(byte[] bytes) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        public Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body);
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Response answer =
                        new Response(response.statusCode(), response.headers().map(), response.body());
                Contract.check(port, method, path, answer);
                return answer;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        /** Asserts the status, showing the whole answer when it differs; returns the answer to read on. */
        public Response assertStatus(int expected) {
            assertThat(status).as(toString()).isEqualTo(expected);
            return this;
        }

        /** Asserts the ETag that carries the resource's version, as If-Match will expect it back. */
        public Response assertETag(long version) {
            assertThat(header("ETag")).as(toString()).isEqualTo("\"" + version + "\"");
            return this;
        }

        /** Asserts a refusal: this status with this stable problem code. */
        public void assertProblem(int expectedStatus, String expectedCode) {
            assertStatus(expectedStatus);
            assertThat(code()).as(toString()).isEqualTo(expectedCode);
        }

        /** The problem's stable code, or null for a non-problem response. */
        public String code() {
            JsonNode code = json().get("code");
            return code == null ? null : code.asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
