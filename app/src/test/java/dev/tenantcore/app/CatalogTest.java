package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CatalogTest extends ShopTest {

    @Test
    @DisplayName("a created product is returned with its version as ETag, and readable right after the response")
    void createAndReadOwnWrite() {
        JsonNode product = platform.newProduct(shop, owner, "espresso", 1250);
        assertThat(product.get("price").get("amountMinor").asLong()).isEqualTo(1250);
        assertThat(product.get("version").asLong()).isZero();
        Api.Response read = api.get("/api/v1/products/" + product.get("id").asText())
                .in(shop, owner)
                .send();
        read.assertStatus(200);
        read.assertETag(0);
        assertThat(read.json().get("slug").asText()).isEqualTo("espresso");
    }

    @Test
    @DisplayName("an update with a current If-Match succeeds; one with a stale version gets 412 and changes nothing")
    void optimisticConcurrency() {
        String id = platform.newProduct(shop, owner, "latte", 300).get("id").asText();
        Api.Response updated = api.patch("/api/v1/products/" + id)
                .in(shop, owner)
                .ifMatch(0)
                .returningRepresentation()
                .json(Map.of("price", Map.of("amountMinor", 350, "currency", "EUR")))
                .send();
        updated.assertStatus(200);
        updated.assertETag(1);
        assertThat(updated.json().get("price").get("amountMinor").asLong()).isEqualTo(350);

        Api.Response stale = api.patch("/api/v1/products/" + id)
                .in(shop, owner)
                .ifMatch(0)
                .json(Map.of("price", Map.of("amountMinor", 999, "currency", "EUR")))
                .send();
        stale.assertProblem(412, "version_conflict");
        JsonNode after =
                api.get("/api/v1/products/" + id).in(shop, owner).send().json();
        assertThat(after.get("price").get("amountMinor").asLong()).isEqualTo(350);
    }

    @Test
    @DisplayName("of many concurrent creates with one slug exactly one succeeds, the others get slug_taken")
    void slugIsUniqueUnderConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Response>> creates = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                creates.add(() -> api.post("/api/v1/products")
                        .in(shop, owner)
                        .json(Platform.productBody("Race", "race", "digital", 100))
                        .send());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> f : pool.invokeAll(creates)) {
                Api.Response r = f.get();
                statuses.add(r.status());
                if (r.status() != 201) {
                    assertThat(r.code()).isEqualTo("slug_taken");
                }
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("another tenant's owner cannot read, change or delete a product: the answer equals a missing id's")
    void crossTenantAccessLooksLikeNotFound() {
        String id = platform.newProduct(shop, owner, "secret", 100).get("id").asText();
        Platform.Shop other = platform.newShop();
        String attacker = platform.ownerToken(other);
        String missing = UUID.randomUUID().toString();
        for (String target : List.of(id, missing)) {
            Api.Response read =
                    api.get("/api/v1/products/" + target).in(other, attacker).send();
            Api.Response update = api.patch("/api/v1/products/" + target)
                    .in(other, attacker)
                    .json(Map.of("name", "pwned"))
                    .send();
            Api.Response delete =
                    api.delete("/api/v1/products/" + target).in(other, attacker).send();
            assertThat(List.of(read.status(), update.status(), delete.status())).containsOnly(404);
            assertThat(read.code()).isEqualTo("not_found");
        }
        // Same answer apart from the echoed request path.
        JsonNode foreign =
                api.get("/api/v1/products/" + id).in(other, attacker).send().json();
        JsonNode absent = api.get("/api/v1/products/" + missing)
                .in(other, attacker)
                .send()
                .json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) foreign).remove("instance");
        ((com.fasterxml.jackson.databind.node.ObjectNode) absent).remove("instance");
        assertThat(foreign).isEqualTo(absent);
        api.get("/api/v1/public/products/" + id).origin(other.domain()).send().assertStatus(404);
        JsonNode untouched =
                api.get("/api/v1/products/" + id).in(shop, owner).send().json();
        assertThat(untouched.get("name").asText()).isEqualTo("Product secret");
    }

    @Test
    @DisplayName("the storefront lists only active products, without login, paginated by cursor")
    void storefront() {
        platform.newProduct(shop, owner, "p1", 100);
        platform.newProduct(shop, owner, "p2", 200);
        String hidden = platform.newProduct(shop, owner, "p3", 300).get("id").asText();
        api.post("/api/v1/products/" + hidden + "/deactivate")
                .in(shop, owner)
                .returningRepresentation()
                .send()
                .assertStatus(200);
        Api.Response first =
                api.get("/api/v1/public/products?limit=1").origin(shop.domain()).send();
        first.assertStatus(200);
        assertThat(first.json().get("items")).hasSize(1);
        String cursor = first.json().get("nextCursor").asText();
        Api.Response second = api.get("/api/v1/public/products?limit=1&cursor=" + cursor)
                .origin(shop.domain())
                .send();
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("items").get(0).get("slug").asText())
                .isNotEqualTo(first.json().get("items").get(0).get("slug").asText());
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        Api.Response staff =
                api.get("/api/v1/products?limit=100").in(shop, owner).send();
        assertThat(staff.json().get("items")).hasSize(3);
    }

    @Test
    @DisplayName("text search treats injection strings as plain text")
    void searchIsNotInjectable() {
        platform.newProduct(shop, owner, "mocha", 100);
        for (String q : List.of("%", "_", "' OR '1'='1", "'; DROP TABLE products; --")) {
            Api.Response found = api.get("/api/v1/products?q="
                            + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
                    .in(shop, owner)
                    .send();
            found.assertStatus(200);
            assertThat(found.json().get("items")).as(q).isEmpty();
        }
        Api.Response found = api.get("/api/v1/products?q=MOCH").in(shop, owner).send();
        assertThat(found.json().get("items")).hasSize(1);
    }

    @Test
    @DisplayName("categories form a tree without cycles, published to the storefront")
    void categoryTree() {
        String root = category("Drinks", "drinks", null);
        String child = category("Hot", "hot", root);
        Api.Response cycle = api.post("/api/v1/categories/" + root + "/move")
                .in(shop, owner)
                .json(Map.of("parentId", child))
                .send();
        cycle.assertProblem(400, "category_cycle");
        Api.Response notEmpty =
                api.delete("/api/v1/categories/" + root).in(shop, owner).send();
        assertThat(notEmpty.code()).isEqualTo("category_not_empty");
        JsonNode tree = api.get("/api/v1/public/categories")
                .origin(shop.domain())
                .send()
                .json();
        assertThat(tree.toString()).contains("\"drinks\"").contains("\"hot\"");
    }

    @Test
    @DisplayName("staff can read the catalogue but only owners and managers change it; customers and anonymous cannot")
    void rolesAreEnforced() {
        Api.Response anonymous = api.post("/api/v1/products")
                .origin(shop.domain())
                .json(Platform.productBody("x", "x", "digital", 1))
                .send();
        anonymous.assertStatus(401);
        api.get("/api/v1/products").origin(shop.domain()).send().assertStatus(401);
    }

    private String category(String name, String slug, String parent) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "slug", slug));
        if (parent != null) {
            body.put("parentId", parent);
        }
        Api.Response created = api.post("/api/v1/categories")
                .in(shop, owner)
                .returningRepresentation()
                .json(body)
                .send();
        created.assertStatus(201);
        return created.json().get("id").asText();
    }
}
