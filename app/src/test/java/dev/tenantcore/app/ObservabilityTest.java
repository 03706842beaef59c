package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.Tokens;
import dev.tenantcore.app.support.Webhooks;
import dev.tenantcore.infra.axon.TenantMessageInterceptors;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** What an operator sees of a request: one trace through everything it causes, ids in every log line, metrics. */
@DisplayName("Observability")
class ObservabilityTest extends ShopTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Logger handling = (Logger) LoggerFactory.getLogger(TenantMessageInterceptors.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level levelBefore;

    @Autowired
    private ApplicationContext context;

    @BeforeEach
    void captureHandlingLines() {
        levelBefore = handling.getLevel();
        handling.setLevel(Level.DEBUG);
        lines.start();
        handling.addAppender(lines);
    }

    @AfterEach
    void stopCapturing() {
        handling.detachAppender(lines);
        handling.setLevel(levelBefore);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private Api.Response placeTraced(String customer, String traceId) {
        String mug = platform.newProduct(shop, owner, "mug-" + hex(4), 1250)
                .get("id")
                .asText();
        return api.post("/api/v1/orders")
                .in(shop, customer)
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .returningRepresentation()
                .json(Orders.body(mug, 1, Orders.BILLING, null))
                .send();
    }

    /** The handling line of {@code message} within the trace, once it has been written. */
    private Map<String, String> handled(String message, String traceId) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> List.copyOf(lines.list).stream()
                                .filter(line -> line.getFormattedMessage().equals("handling " + message))
                                .map(ILoggingEvent::getMDCPropertyMap)
                                .filter(ids -> traceId.equals(ids.get("traceId")))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Test
    @DisplayName("one trace runs from the request through its command, the events, the saga and the saga's command,"
            + " and each handling line names the tenant, the user, the correlation and the trace")
    void oneTraceThroughEverything() {
        String customer = customer();
        String customerId = Tokens.claims(customer).get("sub").asText();
        String traceId = hex(16);

        Api.Response placed = placeTraced(customer, traceId);
        placed.assertStatus(201);
        String orderId = placed.json().get("id").asText();

        Map<String, String> command = handled("PlaceOrderCommand", traceId);
        assertThat(command).containsEntry("tenantId", shop.id()).containsEntry("userId", customerId);
        assertThat(command.get("correlationId")).isNotBlank();
        // The projection and the saga handle the order's event in the same trace, and the saga's own
        // command continues it: the payment it creates.
        assertThat(handled("OrderPlacedEvent", traceId)).containsEntry("tenantId", shop.id());
        assertThat(handled("CreatePaymentCommand", traceId)).containsEntry("tenantId", shop.id());

        String stored = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderPlacedEvent'
                """, String.class, orderId);
        assertThat(stored).as("the event store keeps the trace with the event").contains(traceId);
    }

    @Test
    @DisplayName("a request without a trace starts one of its own, which its messages carry")
    void untracedRequestStartsATrace() {
        String customer = customer();
        String mug = platform.newProduct(shop, owner, "mug-" + hex(4), 1250)
                .get("id")
                .asText();
        Api.Response placed = Orders.place(api, shop, customer, Orders.body(mug, 1, Orders.BILLING, null));
        placed.assertStatus(201);

        String stored =
                jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderPlacedEvent'
                """, String.class, placed.json().get("id").asText());
        assertThat(stored).containsPattern("\"traceparent\":\"00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]\"");
    }

    private double metric(String body, String name, String labels) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$")
                .matcher(body);
        double sum = 0;
        boolean found = false;
        while (value.find()) {
            boolean matches = true;
            for (String label : labels.split(",")) {
                matches &= label.isEmpty() || value.group(1).contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(value.group(2));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    private String prometheus() {
        Api.Response metrics =
                api.get("/actuator/prometheus").bearer(platform.adminToken()).send();
        metrics.assertStatus(200);
        return metrics.body();
    }

    @Test
    @DisplayName("counts orders and payments by what happened, and shows the machinery: lag, dead letters, sagas,"
            + " deadlines, handling time per command and per handled event")
    void metricsAfterAFlow() {
        String before = prometheus();
        double placedBefore = metric(before, "tenantcore_orders_total", "event=\"placed\"");
        double unverifiedBefore =
                metric(before, "tenantcore_webhooks_received_total", "source=\"stripe\",outcome=\"unverified\"");

        placeTraced(customer(), hex(16)).assertStatus(201);
        new Webhooks(api)
                .stripe("/api/v1/webhooks/stripe/" + UUID.randomUUID(), "{}", "t=1,v1=00")
                .assertStatus(400);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String after = prometheus();
            assertThat(metric(after, "tenantcore_orders_total", "event=\"placed\""))
                    .isEqualTo((Double.isNaN(placedBefore) ? 0 : placedBefore) + 1);
            assertThat(metric(after, "tenantcore_payments_total", "outcome=\"created\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(after, "tenantcore_webhooks_received_total", "source=\"stripe\",outcome=\"unverified\""))
                    .isEqualTo((Double.isNaN(unverifiedBefore) ? 0 : unverifiedBefore) + 1);
            assertThat(metric(after, "tenantcore_processor_lag_events", "processor=\"orders\""))
                    .isGreaterThanOrEqualTo(0);
            assertThat(metric(after, "tenantcore_processor_segments", "processor=\"orders\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(after, "tenantcore_sagas", "type=\"OrderPaymentSaga\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(after, "tenantcore_deadlines", "state=\"scheduled\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(after, "tenantcore_deadlines", "state=\"due\"")).isGreaterThanOrEqualTo(0);
            assertThat(after).containsPattern("(?m)^tenantcore_dead_letters|# TYPE tenantcore_dead_letters");
            assertThat(after).containsPattern("commandBus_allTimer_seconds_count\\{[^}]*PlaceOrderCommand");
            // A processor's metrics count the events it handles, not every event it reads past.
            assertThat(after)
                    .containsPattern("eventProcessor_ingestedCounter_total\\{[^}]*payloadType=\"OrderPlacedEvent\""
                            + "[^}]*processorName=\"orders\"");
            assertThat(after)
                    .doesNotContainPattern(
                            "eventProcessor_ingestedCounter_total\\{[^}]*payloadType=\"OrderPlacedEvent\""
                                    + "[^}]*processorName=\"media-objects\"");
            // Axon registers an ignoredCounter with the others on the first event it counts; none moves.
            double ignored = metric(after, "eventProcessor_ignoredCounter_total", "");
            assertThat(Double.isNaN(ignored) ? 0 : ignored).isZero();
        });
    }

    @Test
    @DisplayName("Axon's metrics come from the cached monitors alone (Axon's own module backs off), with the series,"
            + " labels and quantiles Axon's monitors have")
    void axonMetricsFromTheCachedMonitors() {
        assertThat(context.getBeansOfType(MetricsConfigurerModule.class)).containsOnlyKeys("cachedMetricsMonitoring");

        placeTraced(customer(), hex(16)).assertStatus(201);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(prometheus())
                        .containsPattern("commandBus_allTimer_seconds\\{(?=[^}]*payloadType=\"PlaceOrderCommand\")"
                                + "(?=[^}]*quantile=\"0.999\")")
                        .containsPattern("commandBus_capacity\\{[^}]*payloadType=\"PlaceOrderCommand\"")
                        .containsPattern("commandBus_ignoredCounter_total\\{[^}]*payloadType=\"PlaceOrderCommand\"")
                        .containsPattern("(?m)^eventStore_ingestedCounter_total[{ ]")
                        .containsPattern("eventStore_allTimer_seconds_count\\{[^}]*payloadType=\"OrderPlacedEvent\"")
                        .containsPattern("eventProcessor_capacity\\{(?=[^}]*payloadType=\"OrderPlacedEvent\")"
                                + "(?=[^}]*processorName=\"orders\")")
                        .containsPattern("eventProcessor_latency\\{[^}]*processorName=\"orders\""));
    }
}
