package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.Restarts;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rate limits, proven on the test profile's own {@code probe} group (3 requests an hour per
 * client address and tenant, on a route no other test calls), so the rest of the suite never meets
 * a 429. Each test uses its own tenant and, through the trusted loopback proxy, its own address.
 */
class RateLimitTest extends ApiTest {

    private static final String PROBE = "/api/v1/public/products/rate-limit-probe";

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    Platform.Shop shop;
    String clientAddress;

    @BeforeEach
    void setUp() {
        shop = platform.newShop();
        clientAddress = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    private Api.Response probe(Api on, String address) {
        return on.get(PROBE)
                .origin(shop.domain())
                .header("X-Forwarded-For", address)
                .send();
    }

    @Test
    @DisplayName("a burst over the limit gets 429 rate_limited with Retry-After; every answer tells the limit")
    void burstOverLimitIsRefused() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            Api.Response allowed = probe(api, clientAddress);
            allowed.assertStatus(404);
            assertThat(allowed.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(allowed.header("RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
            assertThat(Long.parseLong(allowed.header("RateLimit-Reset"))).isBetween(1L, 3600L);
            assertThat(allowed.header("RateLimit-Policy")).isEqualTo("3;w=3600");
        }

        Api.Response refused = probe(api, clientAddress);

        refused.assertProblem(429, "rate_limited");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1200L);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isBetween(1L, 3600L);
        assertThat(refused.header("Access-Control-Allow-Origin"))
                .as("a browser on the tenant's domain can read the refusal")
                .isEqualTo("http://" + shop.domain() + ":3000");

        assertThat(probe(api, "203.0.113.9").status())
                .as("another client has its own bucket")
                .isEqualTo(404);
        Platform.Shop other = platform.newShop();
        assertThat(api.get(PROBE)
                        .origin(other.domain())
                        .header("X-Forwarded-For", clientAddress)
                        .send()
                        .status())
                .as("the same address at another tenant has its own bucket")
                .isEqualTo(404);
    }

    @Test
    @DisplayName("two application nodes on one database share the same counters")
    void nodesShareCounters() {
        try (ConfigurableApplicationContext second = Restarts.join(environment)) {
            Api secondApi = new Api(
                    ((WebServerApplicationContext) second).getWebServer().getPort());

            assertThat(probe(api, clientAddress).header("RateLimit-Remaining")).isEqualTo("2");
            assertThat(probe(secondApi, clientAddress).header("RateLimit-Remaining"))
                    .isEqualTo("1");
            assertThat(probe(api, clientAddress).header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(probe(secondApi, clientAddress).status()).isEqualTo(429);
            assertThat(probe(api, clientAddress).status()).isEqualTo(429);
        }
    }

    @Test
    @DisplayName("sign-in and everything else under /api/v1 are limited by their groups; other paths are not")
    void builtInGroups() {
        Api.Response login = platform.login(shop, shop.ownerEmail(), Platform.OWNER_PASSWORD);
        Api.Response read = api.get("/api/v1/products")
                .in(shop, login.json().get("accessToken").asText())
                .send();
        Api.Response anonymous =
                api.get("/api/v1/products").origin(shop.domain()).send();

        // The test profile lifts every built-in limit out of reach; the groups still count.
        for (Api.Response counted : List.of(login, read, anonymous)) {
            assertThat(counted.header("RateLimit-Limit")).as(counted.toString()).isEqualTo("1000000");
            assertThat(counted.header("RateLimit-Policy")).isEqualTo("1000000;w=60");
        }
        assertThat(anonymous.status())
                .as("counted before authorisation refuses it")
                .isEqualTo(401);
        assertThat(api.get("/actuator/health").send().header("RateLimit-Limit")).isNull();
        assertThat(api.get("/.well-known/jwks.json").send().header("RateLimit-Limit"))
                .isNull();
    }

    @Test
    @DisplayName("a bucket is kept until it would be full again; expired buckets are purged")
    void bucketsExpire() {
        probe(api, clientAddress);
        Long expiresAt = jdbc.queryForObject(
                "SELECT max(expires_at) FROM rate_limit_buckets WHERE id = ?",
                Long.class,
                "probe|3;w=3600|" + shop.id() + "|ip:" + clientAddress);
        assertThat(expiresAt).isGreaterThan(System.currentTimeMillis());

        String stale = "probe|3;w=3600|" + shop.id() + "|ip:203.0.113.250";
        jdbc.update("INSERT INTO rate_limit_buckets (id, state, expires_at) VALUES (?, NULL, 1)", stale);
        buckets.removeExpired(1000);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM rate_limit_buckets WHERE id = ?", Integer.class, stale))
                .isZero();
        assertThat(probe(api, clientAddress).header("RateLimit-Remaining")).isEqualTo("1");
    }
}
