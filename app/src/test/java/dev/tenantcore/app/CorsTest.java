package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CORS policy at the HTTP level; {@link BrowserCorsTest} shows a real browser obeying it. */
class CorsTest extends ApiTest {

    Platform.Shop shop;

    @BeforeEach
    void setUp() {
        shop = platform.newShop();
    }

    private Api.Response preflight(String origin, String path, String method, String headers) {
        return api.options(path)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .send();
    }

    private static boolean hasCorsHeaders(Api.Response response) {
        return response.headers().keySet().stream()
                .anyMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    @DisplayName("a preflight from a tenant's domain is answered without authentication, for exactly that origin")
    void preflightFromTenantOrigin() {
        String origin = "https://" + shop.domain() + ":8443";
        Api.Response answer = preflight(origin, "/api/v1/products", "PATCH", "authorization,content-type,if-match");

        answer.assertStatus(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(answer.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(answer.header("Access-Control-Allow-Methods")).contains("PATCH");
        assertThat(answer.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization")
                .contains("if-match");
        assertThat(answer.header("Vary")).contains("Origin");
        assertThat(answer.header("RateLimit-Limit"))
                .as("preflights are not counted")
                .isNull();
    }

    @Test
    @DisplayName(
            "an actual request from a tenant's domain may read the response and its ETag, Location and rate limit headers")
    void actualRequestExposesHeaders() {
        String origin = "http://" + shop.domain() + ":3000";
        Api.Response answer =
                api.get("/api/v1/public/products").origin(shop.domain()).send();

        answer.assertStatus(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(answer.header("Access-Control-Expose-Headers"))
                .contains(
                        "ETag", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
    }

    @Test
    @DisplayName("an unknown origin gets tenant_not_found and no CORS header at all, preflight or not")
    void unknownOriginGetsNothing() {
        Api.Response preflight = preflight("http://evil.test", "/api/v1/products", "GET", "authorization");
        Api.Response request = api.get("/api/v1/public/products")
                .header("Origin", "http://evil.test")
                .send();
        Api.Response lookalike = api.get("/api/v1/public/products")
                .header("Origin", "http://" + shop.domain() + ".evil.test")
                .send();

        for (Api.Response answer : new Api.Response[] {preflight, request, lookalike}) {
            answer.assertProblem(404, "tenant_not_found");
            assertThat(hasCorsHeaders(answer)).as(answer.headers().toString()).isFalse();
        }
    }

    @Test
    @DisplayName(
            "the allowed origins follow the tenants' domains: an added domain is admitted, a deactivated one no longer")
    void allowedOriginsFollowDomains() {
        String admin = platform.adminToken();
        String extra = "www." + shop.domain();
        platform.addDomain(admin, shop, extra);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(preflight("http://" + extra, "/api/v1/products", "GET", "authorization")
                                .header("Access-Control-Allow-Origin"))
                        .isEqualTo("http://" + extra));

        api.post("/api/v1/platform/tenants/" + shop.id() + "/domains/" + extra + "/deactivate")
                .bearer(admin)
                .send();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Api.Response answer = preflight("http://" + extra, "/api/v1/products", "GET", "authorization");
            answer.assertStatus(404);
            assertThat(hasCorsHeaders(answer)).isFalse();
        });
    }
}
