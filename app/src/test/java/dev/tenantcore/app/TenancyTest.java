package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every request is resolved to one tenant, by its domain, and the edge follows tenant changes quickly. */
class TenancyTest extends ShopTest {

    @Test
    @DisplayName("a request is resolved to its tenant by Origin first and by Host otherwise")
    void resolvesByOriginThenHost() {
        api.get("/api/v1/public/products").origin(shop.domain()).send().assertStatus(200);
        api.get("/api/v1/public/products").host(shop.domain()).send().assertStatus(200);
        assertThat(api.get("/api/v1/public/products")
                        .host("shop-a-unknown.test")
                        .send()
                        .code())
                .isEqualTo("tenant_not_found");
    }

    @Test
    @DisplayName("an unknown origin gets tenant_not_found and nothing runs, even with a valid token of another shop")
    void unknownOriginIsRefused() {
        Api.Response response = api.post("/api/v1/products")
                .origin("evil.example")
                .bearer(owner)
                .json(Map.of("name", "x"))
                .send();
        response.assertProblem(404, "tenant_not_found");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("a suspended tenant is refused with tenant_suspended, and serves again once reactivated")
    void suspension() {
        String admin = platform.adminToken();
        platform.suspend(admin, shop);
        platform.awaitStorefrontRefuses(shop.domain(), "tenant_suspended");
        api.post("/api/v1/platform/tenants/" + shop.id() + "/reactivate")
                .bearer(admin)
                .send();
        platform.awaitStorefrontServes(shop.domain());
    }

    @Test
    @DisplayName("a disabled module answers module_disabled at the edge")
    void disabledModule() {
        String admin = platform.adminToken();
        api.delete("/api/v1/platform/tenants/" + shop.id() + "/modules/storefront")
                .bearer(admin)
                .send();
        platform.awaitStorefrontRefuses(shop.domain(), "module_disabled");
    }

    @Test
    @DisplayName("a switched-off module cannot be reached through an escaped or unnormalised path")
    void disabledModuleHasNoBackDoor() {
        String admin = platform.adminToken();
        for (String module : List.of("storefront", "billing")) {
            api.delete("/api/v1/platform/tenants/" + shop.id() + "/modules/" + module)
                    .bearer(admin)
                    .send()
                    .assertStatus(200);
        }
        platform.awaitStorefrontRefuses(shop.domain(), "module_disabled");
        api.get("/api/v1/invoices").origin(shop.domain()).bearer(owner).send().assertProblem(403, "module_disabled");

        for (String path : List.of(
                "/api/v1/%69nvoices",
                "/api/v1/%6Frders",
                "/api/v1/%70ublic/products",
                "/api/v1/public/%70roducts",
                "/api/v1/%70ayment-providers",
                "/api/v1//orders",
                "/api/v1/./orders",
                "/api/v1/x/../orders",
                "/api/v1/orders;a=b",
                "/api/v1/%2e%2e/v1/orders")) {
            Api.Response response =
                    api.get(path).origin(shop.domain()).bearer(owner).send();
            assertThat(response.status()).as(path + " → " + response).isEqualTo(400);
            assertThat(response.code()).as(path).isEqualTo("malformed_request");
        }
        api.put("/api/v1/%70ayment-providers/manual")
                .origin(shop.domain())
                .bearer(owner)
                .json(Map.of("enabled", false))
                .send()
                .assertProblem(400, "malformed_request");
    }

    @Test
    @DisplayName("a newly added domain resolves within a second, a removed one stops resolving")
    void domainChangesReachResolutionQuickly() {
        String admin = platform.adminToken();
        String extra = "www." + shop.domain();
        platform.addDomain(admin, shop, extra);
        platform.awaitStorefrontServes(extra);
        api.delete("/api/v1/platform/tenants/" + shop.id() + "/domains/" + extra)
                .bearer(admin)
                .send();
        platform.awaitStorefrontRefuses(extra, "tenant_not_found");
    }

    @Test
    @DisplayName("a domain belongs to one tenant only")
    void domainIsGloballyUnique() {
        Platform.Shop b = platform.newShop();
        Api.Response taken = api.post("/api/v1/platform/tenants/" + b.id() + "/domains")
                .bearer(platform.adminToken())
                .json(Map.of("domain", shop.domain()))
                .send();
        taken.assertProblem(409, "domain_taken");
    }

    @Test
    @DisplayName("platform endpoints refuse tenant owners and anonymous callers")
    void platformEndpointsAreAdminOnly() {
        api.get("/api/v1/platform/tenants").send().assertStatus(401);
        assertThat(api.get("/api/v1/platform/tenants").bearer(owner).send().status())
                .isIn(403);
        Api.Response list = api.get("/api/v1/platform/tenants")
                .bearer(platform.adminToken())
                .send();
        list.assertStatus(200);
        assertThat(list.json().get("items").size()).isPositive();
    }
}
