package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.Webhooks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard ({@code docker/grafana/dashboards/tenantcore.json}) asks only for metrics
 * the application exposes, by the labels it gives them: after an order is placed and paid, every
 * metric name in the dashboard's PromQL is in {@code /actuator/prometheus}, and every label it
 * groups by is on that metric. A renamed metric or label fails here, not on an operator's screen.
 */
@DisplayName("The Grafana dashboard")
class DashboardTest extends ShopTest {

    private static final Path DASHBOARD = Path.of("../docker/grafana/dashboards/tenantcore.json");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    /** A sample line's name and labels; a quoted label value may hold braces ({@code uri="/orders/{id}"}). */
    private static final Pattern SAMPLE =
            Pattern.compile("(?m)^([A-Za-z_:][A-Za-z0-9_:]*)(?:\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)\\})? ");

    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"");

    /** What one PromQL expression asks for: the metric names, and the labels it groups or matches by. */
    record Query(Set<String> metrics, Set<String> labels) {}

    static Query parse(String expr) {
        Set<String> labels = new TreeSet<>();
        String bare = STRING.matcher(expr).replaceAll("\"\"");
        // Label matchers name labels too: {outcome=~"..."}.
        Matcher selectors = Pattern.compile("\\{([^}]*)\\}").matcher(bare);
        while (selectors.find()) {
            Matcher names = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(?:=~|!~|!=|=)")
                    .matcher(selectors.group(1));
            while (names.find()) {
                labels.add(names.group(1));
            }
        }
        bare = bare.replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^\\]]*\\]", " ");
        Matcher grouping = GROUPING.matcher(bare);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
        }
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> metrics = new TreeSet<>();
        Matcher identifiers = IDENTIFIER.matcher(bare);
        while (identifiers.find()) {
            String name = identifiers.group();
            boolean function = bare.substring(identifiers.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                metrics.add(name);
            }
        }
        return new Query(metrics, labels);
    }

    /** Every {@code expr} of the dashboard's panels (rows' nested panels included), by panel title. */
    static Map<String, List<String>> expressions(JsonNode dashboard) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        for (int i = 0; i < panels.size(); i++) {
            JsonNode panel = panels.get(i);
            panel.path("panels").forEach(panels::add);
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    found.computeIfAbsent(panel.path("title").asText(), t -> new ArrayList<>())
                            .add(target.get("expr").asText());
                }
            }
        }
        return found;
    }

    /** The metric names of a Prometheus text exposition, each with every label name it carries. */
    static Map<String, Set<String>> exposed(String exposition) {
        Map<String, Set<String>> metrics = new TreeMap<>();
        Matcher samples = SAMPLE.matcher(exposition);
        while (samples.find()) {
            Set<String> labels = metrics.computeIfAbsent(samples.group(1), m -> new HashSet<>());
            if (samples.group(2) != null) {
                Matcher label = LABEL.matcher(samples.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return metrics;
    }

    /** The dashboard's problems against an exposition: metrics missing, labels missing from their metrics. */
    static List<String> problems(Map<String, List<String>> expressions, Map<String, Set<String>> exposed) {
        List<String> problems = new ArrayList<>();
        expressions.forEach((panel, exprs) -> {
            for (String expr : exprs) {
                Query query = parse(expr);
                if (query.metrics().isEmpty()) {
                    problems.add(panel + ": no metric in " + expr);
                }
                Set<String> labels = new HashSet<>();
                for (String metric : query.metrics()) {
                    if (!exposed.containsKey(metric)) {
                        problems.add(panel + ": " + metric + " is not exposed");
                    } else {
                        labels.addAll(exposed.get(metric));
                    }
                }
                for (String label : query.labels()) {
                    if (!labels.contains(label)) {
                        problems.add(panel + ": no metric of " + expr + " has the label " + label);
                    }
                }
            }
        });
        return problems;
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    private String scrape() {
        Api.Response metrics =
                api.get("/actuator/prometheus").bearer(platform.adminToken()).send();
        metrics.assertStatus(200);
        return metrics.body();
    }

    @Test
    @DisplayName("after an order is placed and paid, asks only for metrics and labels the application exposes")
    void everyMetricExposed() throws IOException {
        Map<String, List<String>> expressions = expressions(dashboard());
        assertThat(expressions).as("the panels the operators asked for").hasSizeGreaterThanOrEqualTo(11);

        // A second order stays unpaid: its payment saga is alive while the test scrapes, so the saga
        // gauge has a row whatever other tests left behind (it shows no row for a type with none).
        placeOrder(customer(), 1);
        String orderId = placeOrder(customer(), 1).get("id").asText();
        String paymentId =
                Orders.awaitSagaPayment(api, shop, owner, orderId).get("id").asText();
        transition(owner, "/api/v1/payments/" + paymentId + "/mark-paid").assertStatus(200);
        Orders.awaitStatus(api, shop, owner, orderId, "paid");
        // A forged provider delivery: the webhook counter exists from its first delivery on.
        new Webhooks(api)
                .stripe("/api/v1/webhooks/stripe/" + UUID.randomUUID(), "{}", "t=1,v1=00")
                .assertStatus(400);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Set<String>> exposed = exposed(scrape());
            assertThat(exposed).containsKeys("tenantcore_invoices_issued_total", "tenantcore_sagas");
            assertThat(problems(expressions, exposed)).isEmpty();
        });
    }

    @Test
    @DisplayName("the check finds the metric names and labels of PromQL, and fails on one that is not exposed")
    void checkCanFail() {
        assertThat(parse("sum by (provider, outcome) (rate(tenantcore_payments_total{outcome=~\"succeeded|failed\"}"
                        + "[$__rate_interval])) * 60"))
                .isEqualTo(new Query(Set.of("tenantcore_payments_total"), Set.of("provider", "outcome")));
        assertThat(parse("sum(rate(a_total{status=~\"5..\"}[5m])) / sum without (x) (rate(b_count[1m])) > bool 0.5"))
                .isEqualTo(new Query(Set.of("a_total", "b_count"), Set.of("status", "x")));

        Map<String, Set<String>> exposed = exposed("""
                # TYPE tenantcore_orders_total counter
                tenantcore_orders_total{event="placed"} 1.0
                tenantcore_sagas{type="OrderPaymentSaga"} 2
                http_server_requests_seconds_count{method="GET",uri="/api/v1/orders/{id}",status="200"} 3
                """);
        assertThat(exposed)
                .containsOnlyKeys("tenantcore_orders_total", "tenantcore_sagas", "http_server_requests_seconds_count");
        assertThat(exposed.get("http_server_requests_seconds_count")).containsOnly("method", "uri", "status");

        assertThat(problems(Map.of("orders", List.of("sum by (event) (rate(tenantcore_orders_total[5m]))")), exposed))
                .isEmpty();
        assertThat(problems(
                        Map.of(
                                "misspelt",
                                List.of("rate(tenantcore_order_total[5m])"),
                                "wrong label",
                                List.of("max by (saga) (tenantcore_sagas)"),
                                "constant",
                                List.of("vector(1)")),
                        exposed))
                .containsExactlyInAnyOrder(
                        "misspelt: tenantcore_order_total is not exposed",
                        "wrong label: no metric of max by (saga) (tenantcore_sagas) has the label saga",
                        "constant: no metric in vector(1)");
    }
}
