package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ShopTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A Prometheus server reads {@code /actuator/prometheus} with HTTP Basic as the configured scrape
 * user (here {@code application-test.yml}'s), and nothing else; {@code ScrapeUserTest} shows every
 * attempt refused while no user is configured.
 */
@DisplayName("The metrics scrape user")
class MetricsScrapeTest extends ShopTest {

    private static final String USER = "prometheus-test";
    private static final String PASSWORD = "scrape-test-only-password";

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Api.Response get(String path, String authorization) {
        return api.get(path).header("Authorization", authorization).send();
    }

    @Test
    @DisplayName("reads the metrics with its name and password, counted against the metrics rate limit")
    void readsMetrics() {
        Api.Response metrics = get("/actuator/prometheus", basic(USER, PASSWORD));

        metrics.assertStatus(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body()).contains("# TYPE tenantcore_processor_lag_events gauge");
        assertThat(metrics.header("RateLimit-Policy")).isEqualTo("1000000;w=60");
    }

    @Test
    @DisplayName("a wrong password, a wrong name or a malformed header is 401 unauthenticated, and each guess counts")
    void wrongCredentials() {
        for (String authorization : new String[] {
            basic(USER, PASSWORD + "x"),
            basic(USER, ""),
            basic("prometheus", PASSWORD),
            "Basic " + Base64.getEncoder().encodeToString(USER.getBytes(StandardCharsets.UTF_8)),
            "Basic %%%not-base64"
        }) {
            Api.Response refused = get("/actuator/prometheus", authorization);
            refused.assertProblem(401, "unauthenticated");
            assertThat(refused.header("Content-Type")).as(authorization).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("tenantcore_");
            assertThat(refused.header("RateLimit-Remaining")).as(authorization).isNotNull();
        }
        api.get("/actuator/prometheus").send().assertProblem(401, "unauthenticated");
    }

    @Test
    @DisplayName("reads nothing else: health without details, other actuator endpoints and the API refuse it")
    void nothingElse() {
        String scrape = basic(USER, PASSWORD);

        Api.Response health = get("/actuator/health", scrape);
        health.assertStatus(200);
        assertThat(health.json().has("components")).isFalse();
        assertThat(health.json().has("details")).isFalse();
        get("/actuator/info", scrape).assertProblem(401, "unauthenticated");
        get("/actuator/prometheus/tenantcore_orders_total", scrape).assertStatus(401);
        get("/api/v1/platform/tenants", scrape).assertProblem(401, "unauthenticated");
        api.get("/api/v1/orders")
                .origin(shop.domain())
                .header("Authorization", scrape)
                .send()
                .assertProblem(401, "unauthenticated");
    }

    @Test
    @DisplayName("a platform administrator's token still reads the metrics; a tenant owner's does not")
    void tokensAsBefore() {
        api.get("/actuator/prometheus").bearer(platform.adminToken()).send().assertStatus(200);
        api.get("/actuator/prometheus").bearer(owner).send().assertStatus(403);
    }
}
