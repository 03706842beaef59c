package dev.tenantcore.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A live event socket as a client outside the browser opens it, with Java's own WebSocket client:
 * every frame it received, and how it was closed.
 */
public final class LiveSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final List<JsonNode> frames;
    private final CompletableFuture<Integer> closed;

    private LiveSocket(WebSocket socket, List<JsonNode> frames, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.frames = frames;
        this.closed = closed;
    }

    /** The outcome of an upgrade: the socket, or the status and body of its refusal. */
    public record Attempt(LiveSocket socket, int status, String body) {
        public LiveSocket opened() {
            assertThat(socket).as("refused with " + status + " " + body).isNotNull();
            return socket;
        }
    }

    /** Opens the shop's socket from its origin with the access token in the Authorization header. */
    public static LiveSocket withToken(int port, String domain, String token) {
        return attempt(port, domain, token, null).opened();
    }

    /** Opens the socket from {@code domain}'s origin with a ticket in the query. */
    public static Attempt withTicket(int port, String domain, String ticket) {
        return attempt(port, domain, null, ticket);
    }

    public static Attempt attempt(int port, String domain, String token, String ticket) {
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .header("Origin", "http://" + domain);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        URI uri = URI.create("ws://localhost:" + port + "/api/v1/live" + (ticket == null ? "" : "?ticket=" + ticket));
        try {
            WebSocket socket =
                    builder.buildAsync(uri, new Collector(frames, closed)).get(20, TimeUnit.SECONDS);
            return new Attempt(new LiveSocket(socket, frames, closed), 101, "");
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Attempt(
                        null,
                        refused.getResponse().statusCode(),
                        String.valueOf(refused.getResponse().body()));
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Subscribes and waits for the acknowledgement, after any replay. */
    public LiveSocket subscribe(Long after, String... topics) {
        int before = frames.size();
        Map<String, Object> frame = new java.util.LinkedHashMap<>();
        frame.put("type", "subscribe");
        frame.put("topics", List.of(topics));
        if (after != null) {
            frame.put("after", after);
        }
        send(Api.json(frame));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> frames.subList(before, frames.size()).stream()
                        .anyMatch(f -> "subscribed".equals(f.path("type").asText())));
        return this;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public List<JsonNode> frames() {
        return new ArrayList<>(frames);
    }

    /** The events received so far, in order. */
    public List<JsonNode> events() {
        return frames.stream()
                .filter(f -> "event".equals(f.path("type").asText()))
                .map(f -> f.get("event"))
                .toList();
    }

    /** Waits for an event that passes {@code test} and returns it. */
    public JsonNode awaitEvent(Predicate<JsonNode> test) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> events().stream().filter(test).findFirst().orElse(null), e -> e != null);
    }

    public JsonNode awaitFrame(Predicate<JsonNode> test) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> frames().stream().filter(test).findFirst().orElse(null), f -> f != null);
    }

    /** Waits for the server to close the socket; its close code. */
    public int awaitClose(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the socket stayed open", e);
        }
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    /** The frames of an event of {@code type} about {@code aggregateId}. */
    public static Predicate<JsonNode> event(String type, String aggregateId) {
        return e -> type.equals(e.path("type").asText())
                && aggregateId.equals(e.path("aggregateId").asText());
    }

    private static final class Collector implements WebSocket.Listener {

        private final List<JsonNode> frames;
        private final CompletableFuture<Integer> closed;
        private final StringBuilder partial = new StringBuilder();

        Collector(List<JsonNode> frames, CompletableFuture<Integer> closed) {
            this.frames = frames;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(-1);
        }
    }
}
