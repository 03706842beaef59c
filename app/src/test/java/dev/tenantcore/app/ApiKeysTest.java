package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiKeysTest extends ShopTest {

    private static final String SECRET_SHAPE = "^tck_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$";

    private Api.Response create(String name, List<String> roles, Instant expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("roles", roles);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return api.post("/api/v1/api-keys").in(shop, owner).json(body).send();
    }

    /** A new key's secret. */
    private String newKey(String... roles) {
        Api.Response created = create("key " + UUID.randomUUID(), List.of(roles), null);
        created.assertStatus(201);
        return created.json().get("secret").asText();
    }

    private Api.Response listKeys(Platform.Shop of, String token) {
        return api.get("/api/v1/api-keys").in(of, token).send();
    }

    private Api.Response products(String key) {
        return api.get("/api/v1/products").in(shop, key).send();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("an owner creates a key whose secret is shown once, never listed, and stored only as its SHA-256")
    void secretIsShownOnce() throws Exception {
        Api.Response created = create("ERP sync", List.of("manager"), Instant.parse("2100-01-01T00:00:00Z"));

        created.assertStatus(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        created.assertETag(0);
        JsonNode key = created.json();
        String id = key.get("id").asText();
        String secret = key.get("secret").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/api-keys/" + id);
        assertThat(secret).matches(SECRET_SHAPE);
        assertThat(key.get("prefix").asText()).isEqualTo(secret.substring(0, 16));
        assertThat(key.get("name").asText()).isEqualTo("ERP sync");
        assertThat(key.get("roles").toString()).isEqualTo("[\"manager\"]");
        assertThat(key.get("expiresAt").asText()).isEqualTo("2100-01-01T00:00:00Z");

        Api.Response list = listKeys(shop, owner);
        Api.Response one = api.get("/api/v1/api-keys/" + id).in(shop, owner).send();
        list.assertStatus(200);
        assertThat(list.json().get("items")).hasSize(1);
        JsonNode listed = list.json().get("items").get(0);
        assertThat(listed.get("prefix").asText()).isEqualTo(key.get("prefix").asText());
        assertThat(listed.get("revoked").asBoolean()).isFalse();
        assertThat(listed.has("secret")).isFalse();
        one.assertETag(0);
        for (Api.Response read : List.of(list, one)) {
            assertThat(read.body()).doesNotContain(secret).doesNotContain(sha256(secret));
        }
        String events = jdbc.queryForObject(
                "SELECT string_agg(convert_from(payload, 'UTF8'), ' ') FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ?",
                String.class,
                id);
        assertThat(events).contains(sha256(secret)).doesNotContain(secret);
    }

    @Test
    @DisplayName("a key calls the API with its roles, as Bearer or X-Api-Key, and acts as its own user id")
    void keyAuthenticatesServerToServer() throws Exception {
        Api.Response created = create("catalogue import", List.of("manager"), null);
        String keyId = created.json().get("id").asText();
        String key = created.json().get("secret").asText();

        assertThat(products(key).status()).isEqualTo(200);
        api.get("/api/v1/products")
                .origin(shop.domain())
                .header("X-Api-Key", key)
                .send()
                .assertStatus(200);
        JsonNode product = platform.newProduct(shop, key, "imported", 990);

        String userId = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'userId' FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ?",
                String.class,
                product.get("id").asText());
        assertThat(userId).isEqualTo(keyId);
        JsonNode listed =
                api.get("/api/v1/api-keys/" + keyId).in(shop, owner).send().json();
        assertThat(listed.get("lastUsedAt").isNull()).isFalse();
    }

    @Test
    @DisplayName("a staff key reads but cannot change, and no key can list, create or revoke keys")
    void keysAreBoundByTheirRoles() {
        String staff = newKey("staff");
        String manager = newKey("manager", "staff");

        assertThat(products(staff).status()).isEqualTo(200);
        Api.Response change = api.post("/api/v1/products")
                .in(shop, staff)
                .json(Platform.productBody("No", "no", "digital", 1))
                .send();
        change.assertProblem(403, "forbidden");
        for (String key : List.of(staff, manager)) {
            assertThat(listKeys(shop, key).status()).isEqualTo(403);
            api.post("/api/v1/api-keys")
                    .in(shop, key)
                    .json(Map.of("name", "escalate", "roles", List.of("manager")))
                    .send()
                    .assertStatus(403);
        }
        assertThat(listKeys(shop, owner).json().get("items")).hasSize(2);
    }

    @Test
    @DisplayName("a key cannot carry the owner role, and invalid requests are refused with nothing written")
    void invalidKeysAreRefused() {
        Api.Response ownerKey = create("too strong", List.of("owner"), null);
        ownerKey.assertProblem(400, "validation_failed");

        assertThat(create("no roles", List.of(), null).code()).isEqualTo("validation_failed");
        assertThat(create("unknown role", List.of("admin"), null).code()).isEqualTo("validation_failed");
        assertThat(create(" ", List.of("staff"), null).code()).isEqualTo("validation_failed");
        assertThat(create("n".repeat(101), List.of("staff"), null).code()).isEqualTo("validation_failed");
        assertThat(create("expired", List.of("staff"), Instant.now().minusSeconds(60))
                        .code())
                .isEqualTo("validation_failed");
        Api.Response malformed = api.post("/api/v1/api-keys")
                .in(shop, owner)
                .raw("{\"name\": \"x\", \"roles\": \"staff\"")
                .send();
        malformed.assertStatus(400);

        assertThat(listKeys(shop, owner).json().get("items")).isEmpty();
    }

    @Test
    @DisplayName("a revoked key fails on the very next request; revoking again answers the same")
    void revocationIsImmediate() {
        Api.Response created = create("to revoke", List.of("manager"), null);
        String id = created.json().get("id").asText();
        String key = created.json().get("secret").asText();
        assertThat(products(key).status()).isEqualTo(200);

        Api.Response revoked =
                api.delete("/api/v1/api-keys/" + id).in(shop, owner).send();
        revoked.assertStatus(204);
        revoked.assertETag(1);

        Api.Response refused = products(key);
        refused.assertProblem(401, "unauthenticated");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM token_entry WHERE processor_name = 'api-keys'", Integer.class))
                .as("the key table is written in the command's transaction, not by a tracking processor later")
                .isZero();
        api.delete("/api/v1/api-keys/" + id).in(shop, owner).send().assertStatus(204);
        JsonNode listed =
                api.get("/api/v1/api-keys/" + id).in(shop, owner).send().json();
        assertThat(listed.get("revoked").asBoolean()).isTrue();
        assertThat(listed.get("revokedAt").isNull()).isFalse();
        assertThat(listed.get("version").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("a key stops working once it expires")
    void expiredKeyFails() {
        String key = create("short-lived", List.of("staff"), Instant.now().plusSeconds(4))
                .json()
                .get("secret")
                .asText();
        assertThat(products(key).status()).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> products(key).status() == 401);
    }

    @Test
    @DisplayName("another tenant and an attacker can neither use, see nor revoke a tenant's key; nothing is written")
    void keysStayInTheirTenant() {
        Api.Response created = create("mine", List.of("manager"), null);
        String id = created.json().get("id").asText();
        String key = created.json().get("secret").asText();
        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);

        // The key acts only inside its tenant: on another tenant's domain, or without one, it is unknown.
        Api.Response elsewhere = api.get("/api/v1/products").in(other, key).send();
        elsewhere.assertStatus(401);
        api.get("/api/v1/products")
                .host(other.domain())
                .header("X-Api-Key", key)
                .send()
                .assertStatus(401);
        api.get("/api/v1/auth/me").bearer(key).send().assertStatus(401);
        api.post("/api/v1/products")
                .in(other, key)
                .json(Platform.productBody("Planted", "planted", "digital", 1))
                .send()
                .assertStatus(401);

        // Another tenant's owner sees the key as missing, for reading and for revoking alike.
        assertThat(listKeys(other, otherOwner).json().get("items")).isEmpty();
        String missing = UUID.randomUUID().toString();
        for (String method : List.of("GET", "DELETE")) {
            Api.Response foreign = call(method, "/api/v1/api-keys/" + id, other, otherOwner);
            Api.Response absent = call(method, "/api/v1/api-keys/" + missing, other, otherOwner);
            foreign.assertStatus(404);
            assertThat(withoutInstance(foreign.json())).isEqualTo(withoutInstance(absent.json()));
        }

        // An attacker with a guessed secret under the right prefix, or with none, gets nowhere.
        String forged = key.substring(0, 17) + "A".repeat(43);
        assertThat(products(forged).status()).isEqualTo(401);
        api.get("/api/v1/api-keys").origin(shop.domain()).send().assertStatus(401);
        api.get("/api/v1/products")
                .origin(shop.domain())
                .header("X-Api-Key", "not-a-key")
                .send()
                .assertStatus(401);
        api.get("/api/v1/products")
                .in(shop, owner)
                .header("X-Api-Key", key)
                .send()
                .assertStatus(401);

        assertThat(products(key).status()).isEqualTo(200);
        assertThat(listKeys(shop, owner)
                        .json()
                        .get("items")
                        .get(0)
                        .get("revoked")
                        .asBoolean())
                .isFalse();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, id))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8')::jsonb"
                                + " ->> 'tenantId' = ? AND payload_type LIKE '%ProductCreatedEvent'",
                        Integer.class, other.id()))
                .isZero();
    }

    private Api.Response call(String method, String path, Platform.Shop on, String token) {
        Api.Call call = method.equals("GET") ? api.get(path) : api.delete(path);
        return call.in(on, token).send();
    }

    private static JsonNode withoutInstance(JsonNode problem) {
        ((ObjectNode) problem).remove("instance");
        return problem;
    }
}
