package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TenancyTest extends ApiTest {

    @Test
    @DisplayName("a request is resolved to its tenant by Origin first and by Host otherwise")
    void resolvesByOriginThenHost() {
        Platform.Shop shop = platform.newShop();
        assertThat(api.get("/api/v1/public/products")
                        .origin(shop.domain())
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/public/products").host(shop.domain()).send().status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/public/products")
                        .host("shop-a-unknown.test")
                        .send()
                        .code())
                .isEqualTo("tenant_not_found");
    }

    @Test
    @DisplayName("an unknown origin gets tenant_not_found and nothing runs, even with a valid token of another shop")
    void unknownOriginIsRefused() {
        Platform.Shop shop = platform.newShop();
        Api.Response response = api.post("/api/v1/products")
                .origin("evil.example")
                .bearer(platform.ownerToken(shop))
                .json(Map.of("name", "x"))
                .send();
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("tenant_not_found");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("a suspended tenant is refused with tenant_suspended, and serves again once reactivated")
    void suspension() {
        Platform.Shop shop = platform.newShop();
        String admin = platform.adminToken();
        assertThat(api.post("/api/v1/platform/tenants/" + shop.id() + "/suspend")
                        .bearer(admin)
                        .json(Map.of("reason", "unpaid"))
                        .send()
                        .status())
                .isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(api.get("/api/v1/public/products")
                                .origin(shop.domain())
                                .send()
                                .code())
                        .isEqualTo("tenant_suspended"));
        api.post("/api/v1/platform/tenants/" + shop.id() + "/reactivate")
                .bearer(admin)
                .send();
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(api.get("/api/v1/public/products")
                                .origin(shop.domain())
                                .send()
                                .status())
                        .isEqualTo(200));
    }

    @Test
    @DisplayName("a disabled module answers module_disabled at the edge")
    void disabledModule() {
        Platform.Shop shop = platform.newShop();
        String admin = platform.adminToken();
        api.delete("/api/v1/platform/tenants/" + shop.id() + "/modules/storefront")
                .bearer(admin)
                .send();
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(api.get("/api/v1/public/products")
                                .origin(shop.domain())
                                .send()
                                .code())
                        .isEqualTo("module_disabled"));
    }

    @Test
    @DisplayName("a newly added domain resolves within a second, a removed one stops resolving")
    void domainChangesReachResolutionQuickly() {
        Platform.Shop shop = platform.newShop();
        String admin = platform.adminToken();
        String extra = "www." + shop.domain();
        assertThat(api.post("/api/v1/platform/tenants/" + shop.id() + "/domains")
                        .bearer(admin)
                        .json(Map.of("domain", extra))
                        .send()
                        .status())
                .isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(api.get("/api/v1/public/products")
                                .origin(extra)
                                .send()
                                .status())
                        .isEqualTo(200));
        api.delete("/api/v1/platform/tenants/" + shop.id() + "/domains/" + extra)
                .bearer(admin)
                .send();
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(api.get("/api/v1/public/products")
                                .origin(extra)
                                .send()
                                .code())
                        .isEqualTo("tenant_not_found"));
    }

    @Test
    @DisplayName("a domain belongs to one tenant only")
    void domainIsGloballyUnique() {
        Platform.Shop a = platform.newShop();
        Platform.Shop b = platform.newShop();
        Api.Response taken = api.post("/api/v1/platform/tenants/" + b.id() + "/domains")
                .bearer(platform.adminToken())
                .json(Map.of("domain", a.domain()))
                .send();
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("domain_taken");
    }

    @Test
    @DisplayName("platform endpoints refuse tenant owners and anonymous callers")
    void platformEndpointsAreAdminOnly() {
        Platform.Shop shop = platform.newShop();
        assertThat(api.get("/api/v1/platform/tenants").send().status()).isEqualTo(401);
        assertThat(api.get("/api/v1/platform/tenants")
                        .bearer(platform.ownerToken(shop))
                        .send()
                        .status())
                .isIn(403);
        Api.Response list = api.get("/api/v1/platform/tenants")
                .bearer(platform.adminToken())
                .send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items").size()).isPositive();
    }
}
