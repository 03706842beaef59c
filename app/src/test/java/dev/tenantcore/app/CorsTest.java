package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
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

    /** A body over the 1 MB limit, so the size limit answers before anything reads it. */
    private static final String OVERSIZED = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";

    /**
     * The refusals that filters answer before the request reaches a handler, from any origin, by
     * the status and code they answer ("400 malformed_request (path)"): each sent from {@code origin}.
     */
    private Map<String, Function<String, Api.Response>> refusalsForAnyOrigin() {
        Map<String, Function<String, Api.Response>> refusals = new LinkedHashMap<>();
        refusals.put(
                "400 malformed_request (path)",
                origin -> api.get("/api/v1/%70ublic/products")
                        .header("Origin", origin)
                        .send());
        refusals.put(
                "400 malformed_request (Accept)",
                origin -> api.get("/api/v1/public/products")
                        .header("Origin", origin)
                        .header("Accept", "application/json;q=abc")
                        .send());
        refusals.put(
                "413 payload_too_large",
                origin -> api.post("/api/v1/products")
                        .header("Origin", origin)
                        .raw(OVERSIZED)
                        .send());
        return refusals;
    }

    /** "403 module_disabled" of "403 module_disabled (what)". */
    private static String statusAndCode(String refusal) {
        String[] words = refusal.split(" ");
        return words[0] + " " + words[1];
    }

    private record Refused(String origin, Api.Response answer) {}

    /**
     * The storefront's answer once the shop's change has reached the edge and it refuses with
     * {@code code}. How fast that happens is TenancyTest's concern; here only the answer counts.
     */
    private Api.Response storefrontOnceRefusing(Platform.Shop in, String code) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/v1/public/products")
                                .origin(in.domain())
                                .send(),
                        answer -> code.equals(answer.code()));
    }

    @Test
    @DisplayName("every refusal at the edge to a tenant's domain carries the CORS headers a browser needs to read it")
    void earlyRefusalsCarryCorsForKnownOrigins() {
        String origin = "http://" + shop.domain() + ":3000";
        Map<String, Refused> refused = new LinkedHashMap<>();
        refusalsForAnyOrigin().forEach((what, call) -> refused.put(what, new Refused(origin, call.apply(origin))));

        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        Api.Response limited = null;
        for (int i = 0; i < 4; i++) {
            limited = api.get("/api/v1/public/products/rate-limit-probe")
                    .header("Origin", origin)
                    .header("X-Forwarded-For", address)
                    .send();
        }
        refused.put("429 rate_limited", new Refused(origin, limited));

        String admin = platform.adminToken();
        Platform.Shop withoutStorefront = platform.newShop();
        api.delete("/api/v1/platform/tenants/" + withoutStorefront.id() + "/modules/storefront")
                .bearer(admin)
                .send()
                .assertStatus(200);
        refused.put(
                "403 module_disabled",
                new Refused(
                        "http://" + withoutStorefront.domain() + ":3000",
                        storefrontOnceRefusing(withoutStorefront, "module_disabled")));

        Platform.Shop suspended = platform.newShop();
        platform.suspend(admin, suspended);
        refused.put(
                "403 tenant_suspended",
                new Refused(
                        "http://" + suspended.domain() + ":3000",
                        storefrontOnceRefusing(suspended, "tenant_suspended")));

        SoftAssertions softly = new SoftAssertions();
        refused.forEach((what, it) -> {
            softly.assertThat(it.answer().status() + " " + it.answer().code())
                    .as(what)
                    .isEqualTo(statusAndCode(what));
            softly.assertThat(it.answer().header("Access-Control-Allow-Origin"))
                    .as(what + " Access-Control-Allow-Origin")
                    .isEqualTo(it.origin());
            softly.assertThat(it.answer().header("Access-Control-Allow-Credentials"))
                    .as(what + " Access-Control-Allow-Credentials")
                    .isEqualTo("true");
        });
        softly.assertAll();
    }

    @Test
    @DisplayName("a refusal at the edge to an unknown origin carries no CORS header")
    void earlyRefusalsCarryNoCorsForUnknownOrigins() {
        refusalsForAnyOrigin().forEach((what, call) -> {
            Api.Response answer = call.apply("http://evil.test");
            assertThat(answer.status() + " " + answer.code()).as(what).isEqualTo(statusAndCode(what));
            assertThat(hasCorsHeaders(answer)).as(what + " " + answer.headers()).isFalse();
        });
    }

    @Test
    @DisplayName(
            "a preflight to a suspended tenant's domain is answered, so the browser sends the request and can read tenant_suspended")
    void preflightToSuspendedTenant() {
        platform.suspend(platform.adminToken(), shop);
        storefrontOnceRefusing(shop, "tenant_suspended");
        String origin = "https://" + shop.domain();

        Api.Response answer = preflight(origin, "/api/v1/products", "GET", "authorization");

        answer.assertStatus(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        Api.Response refused = api.get("/api/v1/products")
                .header("Origin", origin)
                .bearer("not-a-token")
                .send();
        refused.assertProblem(403, "tenant_suspended");
        assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo(origin);
    }
}
