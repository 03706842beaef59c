package dev.tenantcore.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test fixtures made through the public API only: a fresh tenant with its own domain and owner,
 * signed-in users, products.
 */
public final class Platform {

    public static final String ADMIN_EMAIL = "root@platform.test";
    public static final String ADMIN_PASSWORD = "platform-test-password";
    public static final String OWNER_PASSWORD = "owner-password-1";
    public static final String STAFF_PASSWORD = "staff-password-1";

    private final Api api;

    public Platform(Api api) {
        this.api = api;
    }

    public record Shop(String id, String slug, String domain, String ownerEmail) {}

    /** A registered customer of a shop: their user id and access token. */
    public record Customer(String id, String token) {}

    /** Tenant settings in English, euros and UTC: what a test that needs a name or a tax rate sends. */
    public static Map<String, Object> settings(String displayName, int taxRateBasisPoints) {
        return Map.of(
                "displayName",
                displayName,
                "locale",
                "en",
                "currency",
                "EUR",
                "timezone",
                "UTC",
                "taxRateBasisPoints",
                taxRateBasisPoints);
    }

    /** Signs the bootstrap administrator in, once its account has reached the read model after start. */
    public String adminToken() {
        Api.Response login = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(
                        () -> api.post("/api/v1/auth/login")
                                .json(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                                .send(),
                        response -> response.status() == 200);
        return login.json().get("accessToken").asText();
    }

    /** Registers a tenant with every module and waits until its domain resolves. */
    public Shop newShop() {
        String slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        String domain = slug + ".test";
        String owner = "owner@" + domain;
        Api.Response created = api.post("/api/v1/platform/tenants")
                .bearer(adminToken())
                .returningRepresentation()
                .json(Map.of(
                        "name",
                        "Shop " + slug,
                        "slug",
                        slug,
                        "domains",
                        List.of(domain),
                        "owner",
                        Map.of("email", owner, "password", OWNER_PASSWORD, "displayName", "Owner")))
                .send();
        created.assertStatus(201);
        Shop shop = new Shop(created.json().get("id").asText(), slug, domain, owner);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> login(shop, owner, OWNER_PASSWORD).status() == 200);
        return shop;
    }

    public Api.Response login(Shop shop, String email, String password) {
        return api.post("/api/v1/auth/login")
                .origin(shop.domain())
                .json(Map.of("email", email, "password", password))
                .send();
    }

    /** Exchanges a refresh token for a new pair at the shop, as a signed-in browser does. */
    public Api.Response refresh(Shop shop, String refreshToken) {
        return api.post("/api/v1/auth/refresh")
                .origin(shop.domain())
                .json(Map.of("refreshToken", refreshToken))
                .send();
    }

    public String ownerToken(Shop shop) {
        Api.Response login = login(shop, shop.ownerEmail(), OWNER_PASSWORD);
        login.assertStatus(200);
        return login.json().get("accessToken").asText();
    }

    /** Registers a new customer of the shop and returns their access token. */
    public String customerToken(Shop shop) {
        Api.Response registered = api.post("/api/v1/auth/register")
                .origin(shop.domain())
                .json(Map.of(
                        "email",
                        "c-" + UUID.randomUUID().toString().substring(0, 8) + "@" + shop.domain(),
                        "password",
                        "customer-password-1",
                        "displayName",
                        "C"))
                .send();
        registered.assertStatus(201);
        return registered.json().get("accessToken").asText();
    }

    /** The body that creates a product without stock, priced in euros. */
    public static Map<String, Object> productBody(String name, String slug, String kind, long priceMinor) {
        return Map.of(
                "name",
                name,
                "slug",
                slug,
                "kind",
                kind,
                "price",
                Map.of("amountMinor", priceMinor, "currency", "EUR"));
    }

    /** Registers a new customer of the shop and returns their id and access token. */
    public Customer newCustomer(Shop shop) {
        String token = customerToken(shop);
        String id = api.get("/api/v1/account")
                .in(shop, token)
                .send()
                .json()
                .get("id")
                .asText();
        return new Customer(id, token);
    }

    /** Adds a staff member with {@code role} (staff, manager) to the shop and returns their access token. */
    public String staffToken(Shop shop, String ownerToken, String role) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + shop.domain();
        Api.Response created = api.post("/api/v1/users")
                .in(shop, ownerToken)
                .returningRepresentation()
                .json(Map.of("email", email, "displayName", role, "role", role, "password", STAFF_PASSWORD))
                .send();
        created.assertStatus(201);
        Api.Response login = login(shop, email, STAFF_PASSWORD);
        login.assertStatus(200);
        return login.json().get("accessToken").asText();
    }

    /**
     * Waits until the storefront at {@code domain} refuses with {@code code}: a tenant's status or
     * domains must reach the edge within a second.
     */
    public void awaitStorefrontRefuses(String domain, String code) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(storefront(domain).code()).isEqualTo(code));
    }

    /** Waits until the storefront at {@code domain} serves its catalogue again, within a second. */
    public void awaitStorefrontServes(String domain) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(storefront(domain).status()).isEqualTo(200));
    }

    private Api.Response storefront(String domain) {
        return api.get("/api/v1/public/products").origin(domain).send();
    }

    /** Suspends the shop as the platform administrator does, and asserts it was accepted. */
    public void suspend(String adminToken, Shop shop) {
        api.post("/api/v1/platform/tenants/" + shop.id() + "/suspend")
                .bearer(adminToken)
                .json(Map.of("reason", "unpaid"))
                .send()
                .assertStatus(200);
    }

    /** Adds {@code domain} to the shop as the platform administrator does, and asserts it was accepted. */
    public void addDomain(String adminToken, Shop shop, String domain) {
        api.post("/api/v1/platform/tenants/" + shop.id() + "/domains")
                .bearer(adminToken)
                .json(Map.of("domain", domain))
                .send()
                .assertStatus(200);
    }

    /** Creates a product with 5 in stock and returns its representation once the read model has it. */
    public JsonNode newProduct(Shop shop, String token, String slug, long priceMinor) {
        return newProduct(shop, token, slug, priceMinor, 5);
    }

    /** Creates a product with {@code stock} on hand and returns its representation. */
    public JsonNode newProduct(Shop shop, String token, String slug, long priceMinor, int stock) {
        Api.Response created = api.post("/api/v1/products")
                .in(shop, token)
                .returningRepresentation()
                .json(Map.of(
                        "name",
                        "Product " + slug,
                        "slug",
                        slug,
                        "kind",
                        "physical",
                        "price",
                        Map.of("amountMinor", priceMinor, "currency", "EUR"),
                        "stock",
                        stock))
                .send();
        created.assertStatus(201);
        return created.json();
    }
}
