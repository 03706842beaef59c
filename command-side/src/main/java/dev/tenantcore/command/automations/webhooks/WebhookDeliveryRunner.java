package dev.tenantcore.command.automations.webhooks;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.tenantcore.api.automations.webhooks.DisableFailingWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.RefusedAddressException;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one webhook message (see {@link WebhookQueue}) on a scheduler thread, in its tenant, outside
 * any transaction: the envelope as queued, signed with the endpoint's current secret (and the
 * previous one during a rotation's overlap), through {@link OutboundHttp}, whose resolver refuses a
 * host that now resolves to a private address.
 *
 * <p>A 2xx answer delivers it. Anything else (another status, no answer within {@code
 * app.webhooks.timeout}, a refused address) is recorded as an attempt and tried again after the next
 * wait of {@code app.webhooks.retry-schedule}; after the last one the message is failed. An endpoint
 * whose attempts have all failed for {@code app.webhooks.disable-after} is switched off and its
 * owners mailed.
 *
 * <p>One endpoint never holds more than {@code app.webhooks.endpoint-concurrency} of the scheduler's
 * threads on this node: a message that finds its endpoint's calls all in flight gives its thread
 * back and is tried again a moment later, so an endpoint that never answers slows only itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookDeliveryRunner implements DisposableBean {

    static final int SNIPPET_BYTES = 1024;

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryRunner.class);

    private final WebhookDeliveries deliveries;
    private final WebhookEndpointDirectory directory;
    private final EndpointAddresses addresses;
    private final ObjectProvider<CommandGateway> commands;
    private final WebhookProperties properties;
    private final TransactionTemplate tx;
    private final OutboundHttp.Client client;
    private final Map<UUID, Semaphore> inFlight = new ConcurrentHashMap<>();

    WebhookDeliveryRunner(
            WebhookDeliveries deliveries,
            WebhookEndpointDirectory directory,
            EndpointAddresses addresses,
            ObjectProvider<CommandGateway> commands,
            WebhookProperties properties,
            OutboundHttp http,
            PlatformTransactionManager transactionManager) {
        this.deliveries = deliveries;
        this.directory = directory;
        this.addresses = addresses;
        this.commands = commands;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactionManager);
        Duration timeout = properties.getTimeout();
        Duration connect = timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5);
        this.client =
                http.client("tenantcore-webhooks/1", new OutboundHttp.Limits(connect, timeout, timeout, SNIPPET_BYTES));
    }

    @Bean
    CustomTask<WebhookQueue.Due> webhookDeliveryTask() {
        // Something unforeseen (the database away): the message's row is unchanged, so it is tried again soon.
        FailureHandler<WebhookQueue.Due> unforeseen =
                (ExecutionComplete complete, ExecutionOperations<WebhookQueue.Due> ops) -> ops.reschedule(
                        complete, Instant.now().plus(properties.getBusyRetry().multipliedBy(30)));
        return new CustomTask<>(
                WebhookQueue.TASK,
                WebhookQueue.Due.class,
                null,
                now -> now,
                unforeseen,
                new DeadExecutionHandler.ReviveDeadExecution<>()) {
            @Override
            public CompletionHandler<WebhookQueue.Due> execute(
                    TaskInstance<WebhookQueue.Due> instance, ExecutionContext context) {
                Optional<Instant> next = run(instance.getData());
                if (next.isEmpty()) {
                    return new CompletionHandler.OnCompleteRemove<>();
                }
                Instant at = next.get();
                return (complete, ops) -> ops.reschedule(complete, at);
            }
        };
    }

    /** One attempt; answers when the message is to be tried again, empty when it is done with. */
    Optional<Instant> run(WebhookQueue.Due due) {
        try (var scope = TenantContext.enter(TenantId.of(due.tenantId()), null)) {
            UUID id = UUID.fromString(due.deliveryId());
            Instant now = Instant.now();
            record Prepared(
                    WebhookDeliveries.Due message, WebhookEndpointDirectory.Endpoint endpoint, List<String> secrets) {}
            Optional<Prepared> prepared = tx.execute(status -> {
                Optional<WebhookDeliveries.Due> message = deliveries.pending(id);
                if (message.isEmpty()) {
                    return Optional.<Prepared>empty();
                }
                Optional<WebhookEndpointDirectory.Endpoint> endpoint =
                        directory.find(new WebhookEndpointId(message.get().endpointId()));
                if (endpoint.isEmpty() || !endpoint.get().enabled()) {
                    deliveries.cancel(id);
                    return Optional.<Prepared>empty();
                }
                return Optional.of(
                        new Prepared(message.get(), endpoint.get(), directory.signingSecrets(endpoint.get(), now)));
            });
            if (prepared.isEmpty()) {
                return Optional.empty();
            }
            WebhookDeliveries.Due message = prepared.get().message();
            WebhookEndpointDirectory.Endpoint endpoint = prepared.get().endpoint();
            Semaphore permits = inFlight.computeIfAbsent(
                    endpoint.id().value(), k -> new Semaphore(Math.max(1, properties.getEndpointConcurrency())));
            if (!permits.tryAcquire()) {
                // Not an attempt: the thread goes back to the scheduler and the message waits its turn.
                return Optional.of(Instant.now().plus(properties.getBusyRetry()));
            }
            WebhookDeliveries.Outcome outcome;
            Instant attemptedAt = Instant.now();
            try {
                outcome = send(endpoint.url(), message, prepared.get().secrets());
            } finally {
                permits.release();
            }
            List<Duration> schedule = properties.getRetrySchedule();
            Instant next = outcome.delivered() || message.roundAttempts() >= schedule.size()
                    ? null
                    : Instant.now().plus(schedule.get(message.roundAttempts()));
            Instant failingSince = tx.execute(status -> {
                deliveries.record(message, attemptedAt, outcome, next);
                return directory.attempted(endpoint.id(), outcome.delivered(), attemptedAt);
            });
            if (failingSince != null
                    && failingSince.plus(properties.getDisableAfter()).isBefore(Instant.now())
                    && disable(endpoint.id(), failingSince)) {
                // The message ends here rather than at its next turn: switched on again before that
                // turn, the endpoint would be tried with it at once and its failure clock restart.
                tx.executeWithoutResult(status -> deliveries.cancel(id));
                return Optional.empty();
            }
            return Optional.ofNullable(next);
        }
    }

    private WebhookDeliveries.Outcome send(String url, WebhookDeliveries.Due message, List<String> secrets) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = addresses.parse(url);
        } catch (DomainException e) {
            return new WebhookDeliveries.Outcome(null, 0, null, e.getMessage());
        }
        String id = message.eventId().toString();
        long timestamp = Instant.now().getEpochSecond();
        HttpPost post = new HttpPost(uri);
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", WebhookSignatures.header(secrets, id, timestamp, message.body()));
        post.setEntity(
                new ByteArrayEntity(message.body().getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        try {
            OutboundHttp.Response response = client.execute(null, post, true);
            return new WebhookDeliveries.Outcome(response.status(), millisSince(started), snippet(response), null);
        } catch (RefusedAddressException e) {
            return new WebhookDeliveries.Outcome(
                    null, millisSince(started), null, "The URL's host resolves to an address that is not public.");
        } catch (IOException | RuntimeException e) {
            log.debug("webhook delivery {} got no answer", message.id(), e);
            return new WebhookDeliveries.Outcome(null, millisSince(started), null, "No answer: " + describe(e));
        }
    }

    /** Switches the failing endpoint off; false when that failed (it is tried again after the next failed attempt). */
    private boolean disable(WebhookEndpointId endpoint, Instant failingSince) {
        try {
            commands.getObject().sendAndWait(new DisableFailingWebhookEndpointCommand(endpoint, failingSince));
            return true;
        } catch (RuntimeException e) {
            log.warn("switching off failing webhook endpoint {} failed: {}", endpoint, e.getMessage());
            return false;
        }
    }

    /** The beginning of a text answer; binary answers are not kept. */
    private static String snippet(OutboundHttp.Response response) {
        List<String> types = response.headers().getOrDefault("content-type", List.of());
        String type = types.isEmpty() ? "" : types.get(0).toLowerCase(Locale.ROOT);
        boolean text = type.isEmpty()
                || type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("x-www-form-urlencoded");
        if (!text || response.body().length == 0) {
            return null;
        }
        String body = new String(response.body(), StandardCharsets.UTF_8).replace("\u0000", "");
        // A cut multi-byte character decodes to U+FFFD: drop it rather than store half a character.
        return response.truncated() && body.endsWith("\uFFFD") ? body.substring(0, body.length() - 1) : body;
    }

    private static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        if (name.contains("Timeout") || name.contains("Cancel") || name.contains("Interrupted")) {
            return "timed out";
        }
        return name.isEmpty() ? "connection failed" : "connection failed (" + name + ")";
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
