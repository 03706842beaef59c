package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every platform tenant endpoint takes {@code If-Match} with the tenant's real version: the one
 * its GET reports as {@code ETag}, which is also what each change answers with.
 */
@IntegrationTest
class PlatformTenantPreconditionsTest {

    @LocalServerPort
    int port;

    Api api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = new Platform(api).adminToken();
    }

    /** A tenant registered with a primary and a second domain, and the ETag its registration answered with. */
    private record Registered(String id, String second, String etag) {}

    /** One platform endpoint: the request it makes for a tenant. */
    private record Change(BiFunction<Api, Registered, Api.Call> call) {}

    private Registered register() {
        String slug = "pre-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "second." + slug + ".test";
        Map<String, Object> owner = Map.of("email", "owner@" + slug + ".test", "password", Platform.OWNER_PASSWORD);
        Map<String, Object> body = Map.of(
                "name", "Shop " + slug, "slug", slug, "domains", List.of(slug + ".test", second), "owner", owner);
        Api.Response created =
                api.post("/api/v1/platform/tenants").bearer(admin).json(body).send();
        created.assertStatus(201);
        Registered tenant = new Registered(created.json().get("id").asText(), second, created.header("ETag"));
        awaitEtag(tenant.id(), tenant.etag());
        return tenant;
    }

    private Api.Response read(String id) {
        return api.get("/api/v1/platform/tenants/" + id).bearer(admin).send();
    }

    private void awaitEtag(String id, String etag) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(read(id).header("ETag")).isEqualTo(etag));
    }

    private static String tenants(Registered tenant) {
        return "/api/v1/platform/tenants/" + tenant.id();
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                change("suspend", (api, t) -> api.post(tenants(t) + "/suspend").json(Map.of("reason", "unpaid"))),
                change("reactivate", (api, t) -> api.post(tenants(t) + "/reactivate")),
                change("rename", (api, t) -> api.patch(tenants(t)).json(Map.of("name", "Renamed"))),
                change("close", (api, t) -> api.post(tenants(t) + "/close").json(Map.of("reason", "ended"))),
                change(
                        "change modules",
                        (api, t) -> api.put(tenants(t) + "/modules").json(Map.of("preset", "crm-only"))),
                change(
                        "add a domain",
                        (api, t) -> api.post(tenants(t) + "/domains").json(Map.of("domain", "third." + t.second()))),
                change("remove a domain", (api, t) -> api.delete(tenants(t) + "/domains/" + t.second())),
                change(
                        "make a domain primary",
                        (api, t) -> api.post(tenants(t) + "/domains/" + t.second() + "/primary")),
                change("activate a domain", (api, t) -> api.post(tenants(t) + "/domains/" + t.second() + "/activate")),
                change(
                        "deactivate a domain",
                        (api, t) -> api.post(tenants(t) + "/domains/" + t.second() + "/deactivate")),
                change("enable a module", (api, t) -> api.put(tenants(t) + "/modules/crm")),
                change("disable a module", (api, t) -> api.delete(tenants(t) + "/modules/crm")),
                change(
                        "change the billing status",
                        (api, t) -> api.put(tenants(t) + "/billing-status").json(Map.of("billingStatus", "past_due"))));
    }

    private static Arguments change(String name, BiFunction<Api, Registered, Api.Call> call) {
        return Arguments.of(Named.of(name, new Change(call)));
    }

    @Test
    @DisplayName("registering answers with the version the registration reached, which the tenant's GET reports")
    void registrationAnswersTheRealVersion() {
        Registered tenant = register();

        assertThat(tenant.etag())
                .as("registered, two domains added, the primary chosen")
                .isEqualTo("\"3\"");
        assertThat(read(tenant.id()).json().get("version").asLong()).isEqualTo(3L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    @DisplayName(
            "a stale If-Match on a platform tenant endpoint is refused with 412 version_conflict and changes nothing")
    void staleVersionIsRefused(Change change) {
        Registered tenant = register();
        JsonNode before = read(tenant.id()).json();

        Api.Response stale = change.call()
                .apply(api, tenant)
                .bearer(admin)
                .header("If-Match", "\"" + (before.get("version").asLong() - 1) + "\"")
                .send();

        stale.assertProblem(412, "version_conflict");
        assertThat(read(tenant.id()).json()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    @DisplayName("a fresh If-Match is accepted, and the ETag answered is the version the tenant's GET then reports")
    void freshVersionIsAccepted(Change change) {
        Registered tenant = register();

        Api.Response changed = change.call()
                .apply(api, tenant)
                .bearer(admin)
                .header("If-Match", tenant.etag())
                .send();

        changed.assertStatus(200);
        assertThat(changed.json().get("id").asText()).isEqualTo(tenant.id());
        assertThat(changed.header("ETag"))
                .isEqualTo("\"" + changed.json().get("version").asLong() + "\"");
        awaitEtag(tenant.id(), changed.header("ETag"));
    }
}
