package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CreateCategoryCommand;
import dev.tenantcore.api.catalog.CreateProductCommand;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The platform operator's tenant administration: module presets, renaming, closing, finding tenants. */
class PlatformTenantAdministrationTest extends ApiTest {

    @Autowired
    CommandGateway commands;

    String admin;

    @BeforeEach
    void setUpMore() {
        admin = platform.adminToken();
    }

    @Test
    @DisplayName("a preset switches the tenant's modules to exactly its set, and the edge follows within a second")
    void presets() {
        Platform.Shop shop = platform.newShop();

        Api.Response crmOnly = modules(shop, Map.of("preset", "crm-only"));
        crmOnly.assertStatus(200);
        assertThat(crmOnly.json().get("modules")).extracting(JsonNode::asText).containsExactly("crm");
        platform.awaitStorefrontRefuses(shop.domain(), "module_disabled");

        Api.Response billingOnly = modules(shop, Map.of("preset", "billing-only"));
        assertThat(billingOnly.json().get("modules"))
                .extracting(JsonNode::asText)
                .containsExactly("billing");

        Api.Response exact = modules(shop, Map.of("modules", List.of("storefront", "crm")));
        assertThat(exact.json().get("modules"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("storefront", "crm");
        platform.awaitStorefrontServes(shop.domain());

        Api.Response full = modules(shop, Map.of("preset", "full"));
        assertThat(full.json().get("modules"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("storefront", "billing", "crm", "automations");
        assertThat(full.header("ETag"))
                .isEqualTo("\"" + full.json().get("version").asLong() + "\"");
    }

    @Test
    @DisplayName("a module request with both, neither or unknown names is refused as invalid and changes nothing")
    void invalidModuleRequests() {
        Platform.Shop shop = platform.newShop();
        long version = tenant(shop).get("version").asLong();

        for (Object body : List.of(
                Map.of(),
                Map.of("preset", "full", "modules", List.of("crm")),
                Map.of("preset", "everything"),
                Map.of("modules", List.of("storefront", "teleport")))) {
            Api.Response response = api.put("/api/v1/platform/tenants/" + shop.id() + "/modules")
                    .bearer(admin)
                    .json(body)
                    .send();
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.code()).as(body.toString()).isEqualTo("validation_failed");
        }
        assertThat(tenant(shop).get("version").asLong()).isEqualTo(version);
        api.put("/api/v1/platform/tenants/" + shop.id() + "/modules")
                .bearer(platform.ownerToken(shop))
                .json(Map.of("preset", "full"))
                .send()
                .assertStatus(403);
    }

    @Test
    @DisplayName("with the storefront off, catalogue commands are refused with module_disabled over HTTP "
            + "and when sent straight to the command bus, and nothing is written")
    void disabledStorefrontRefusesCatalogueCommands() {
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        modules(shop, Map.of("preset", "crm-only"));
        platform.awaitStorefrontRefuses(shop.domain(), "module_disabled");

        Api.Response overHttp = api.post("/api/v1/products")
                .in(shop, owner)
                .json(Platform.productBody("Nope", "nope", "physical", 100))
                .send();
        overHttp.assertProblem(403, "module_disabled");

        ProductId product = ProductId.random();
        assertThatThrownBy(() -> commands.sendAndWait(asTenant(shop, newProduct(product))))
                .isInstanceOfSatisfying(
                        CommandExecutionException.class,
                        e -> assertThat(e.getDetails())
                                .hasValueSatisfying(d ->
                                        assertThat(((ErrorDetails) d).code()).isEqualTo(ErrorCode.MODULE_DISABLED)));
        assertThatThrownBy(() -> commands.sendAndWait(
                        asTenant(shop, new CreateCategoryCommand(CategoryId.random(), "Nope", "nope", null, 0))))
                .isInstanceOf(CommandExecutionException.class)
                .hasMessageContaining("storefront");

        modules(shop, Map.of("preset", "full"));
        platform.awaitStorefrontServes(shop.domain());
        assertThat(api.get("/api/v1/products/" + product).in(shop, owner).send().status())
                .as("the refused product was never created")
                .isEqualTo(404);
        ProductId allowed = ProductId.random();
        commands.sendAndWait(asTenant(shop, newProduct(allowed)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(api.get("/api/v1/products/" + allowed)
                                .in(shop, owner)
                                .send()
                                .status())
                        .isEqualTo(200));
    }

    @Test
    @DisplayName(
            "a closed tenant answers tenant_closed, cannot be reactivated, and its domain can go to another tenant")
    void closing() {
        Platform.Shop closing = platform.newShop();
        Platform.Shop taker = platform.newShop();

        Api.Response closed = api.post("/api/v1/platform/tenants/" + closing.id() + "/close")
                .bearer(admin)
                .returningRepresentation()
                .json(Map.of("reason", "contract ended"))
                .send();
        closed.assertStatus(200);
        assertThat(closed.json().get("status").asText()).isEqualTo("closed");
        platform.awaitStorefrontRefuses(closing.domain(), "tenant_closed");
        Api.Response login = platform.login(closing, closing.ownerEmail(), Platform.OWNER_PASSWORD);
        login.assertProblem(403, "tenant_closed");

        Api.Response reactivate = api.post("/api/v1/platform/tenants/" + closing.id() + "/reactivate")
                .bearer(admin)
                .send();
        reactivate.assertProblem(403, "tenant_closed");
        assertThat(api.post("/api/v1/platform/tenants/" + closing.id() + "/close")
                        .bearer(admin)
                        .send()
                        .status())
                .as("closing again changes nothing")
                .isEqualTo(200);

        Api.Response taken = api.post("/api/v1/platform/tenants/" + taker.id() + "/domains")
                .bearer(admin)
                .json(Map.of("domain", closing.domain()))
                .send();
        taken.assertStatus(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(api.get("/api/v1/public/settings")
                                .origin(closing.domain())
                                .send()
                                .json()
                                .get("displayName")
                                .asText())
                        .isEqualTo("Shop " + taker.slug()));
    }

    @Test
    @DisplayName("the platform renames a tenant with If-Match; a stale version gets 412")
    void rename() {
        Platform.Shop shop = platform.newShop();
        String etag = api.get("/api/v1/platform/tenants/" + shop.id())
                .bearer(admin)
                .send()
                .header("ETag");

        Api.Response renamed = api.patch("/api/v1/platform/tenants/" + shop.id())
                .bearer(admin)
                .header("If-Match", etag)
                .returningRepresentation()
                .json(Map.of("name", "Renamed " + shop.slug()))
                .send();
        renamed.assertStatus(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Renamed " + shop.slug());
        assertThat(renamed.json().get("settings").get("displayName").asText())
                .as("a tenant without settings shows its name")
                .isEqualTo("Renamed " + shop.slug());

        Api.Response stale = api.patch("/api/v1/platform/tenants/" + shop.id())
                .bearer(admin)
                .header("If-Match", etag)
                .json(Map.of("name", "Lost update"))
                .send();
        stale.assertStatus(412);
        assertThat(api.patch("/api/v1/platform/tenants/" + shop.id())
                        .bearer(admin)
                        .json(Map.of("name", " "))
                        .send()
                        .code())
                .isEqualTo("validation_failed");
        api.patch("/api/v1/platform/tenants/" + UUID.randomUUID())
                .bearer(admin)
                .json(Map.of("name", "Ghost"))
                .send()
                .assertStatus(404);
    }

    @Test
    @DisplayName("tenants are found by slug, and listed by status, by a literal part of name or slug, and by module")
    void findingTenants() {
        Platform.Shop shop = platform.newShop();
        Platform.Shop crm = platform.newShop();
        Platform.Shop closed = platform.newShop();
        modules(crm, Map.of("preset", "crm-only"));
        api.post("/api/v1/platform/tenants/" + closed.id() + "/close")
                .bearer(admin)
                .returningRepresentation()
                .send();

        Api.Response bySlug = api.get("/api/v1/platform/tenants/by-slug/" + shop.slug())
                .bearer(admin)
                .send();
        bySlug.assertStatus(200);
        assertThat(bySlug.json().get("id").asText()).isEqualTo(shop.id());
        assertThat(bySlug.header("ETag")).isNotNull();
        assertThat(api.get("/api/v1/platform/tenants/by-slug/no-such-shop")
                        .bearer(admin)
                        .send()
                        .code())
                .isEqualTo("not_found");

        assertThat(ids("?q=" + shop.slug().toUpperCase())).containsExactly(shop.id());
        assertThat(ids("?q=" + shop.slug() + "&status=active")).containsExactly(shop.id());
        assertThat(ids("?q=" + shop.slug() + "&status=closed")).isEmpty();
        assertThat(ids("?status=closed&limit=100")).contains(closed.id()).doesNotContain(shop.id());
        assertThat(ids("?q=%25&limit=100"))
                .as("% matches literally, not everything")
                .isEmpty();
        assertThat(ids("?q=_&limit=100"))
                .as("_ matches literally, not any character")
                .isEmpty();
        List<String> crmOnly = ids("?module=crm&q=" + crm.slug());
        assertThat(crmOnly).containsExactly(crm.id());
        assertThat(ids("?module=storefront&q=" + crm.slug())).isEmpty();
        assertThat(api.get("/api/v1/platform/tenants?status=gone")
                        .bearer(admin)
                        .send()
                        .code())
                .isEqualTo("validation_failed");
        api.get("/api/v1/platform/tenants?module=teleport").bearer(admin).send().assertStatus(400);
    }

    private List<String> ids(String query) {
        Api.Response page =
                api.get("/api/v1/platform/tenants" + query).bearer(admin).send();
        page.assertStatus(200);
        List<String> ids = new ArrayList<>();
        page.json().get("items").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private Api.Response modules(Platform.Shop shop, Object body) {
        return api.put("/api/v1/platform/tenants/" + shop.id() + "/modules")
                .bearer(admin)
                .returningRepresentation()
                .json(body)
                .send();
    }

    private JsonNode tenant(Platform.Shop shop) {
        return api.get("/api/v1/platform/tenants/" + shop.id())
                .bearer(admin)
                .send()
                .json();
    }

    private static Object asTenant(Platform.Shop shop, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(MetadataKeys.TENANT_ID, shop.id()));
    }

    private static CreateProductCommand newProduct(ProductId id) {
        return new CreateProductCommand(
                id,
                "Direct",
                "direct-" + id.value().toString().substring(0, 8),
                null,
                ProductKind.PHYSICAL,
                Money.of(100, "EUR"),
                1,
                null,
                true,
                Map.of());
    }
}
