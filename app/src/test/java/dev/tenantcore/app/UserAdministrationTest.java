package dev.tenantcore.app;

import static dev.tenantcore.app.support.Tokens.withoutInstance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserAdministrationTest extends ShopTest {

    private static final String PASSWORD = "staff-password-1";

    private Api.Response create(String token, String email, String role) {
        return api.post("/api/v1/users")
                .in(shop, token)
                .returningRepresentation()
                .json(Map.of("email", email, "displayName", "Someone", "role", role, "password", PASSWORD))
                .send();
    }

    /** Creates an account of {@code role} and returns its representation once readable. */
    private JsonNode newUser(String role) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + shop.domain();
        Api.Response created = create(owner, email, role);
        created.assertStatus(201);
        return created.json();
    }

    private String signIn(JsonNode user) {
        Api.Response login = platform.login(shop, user.get("email").asText(), PASSWORD);
        login.assertStatus(200);
        return login.json().get("accessToken").asText();
    }

    private String ownerId() {
        return api.get("/api/v1/auth/me")
                .in(shop, owner)
                .send()
                .json()
                .get("id")
                .asText();
    }

    private Api.Response call(String method, String path, String token, Object body) {
        Api.Call call = switch (method) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path);
            case "PUT" -> api.put(path);
            case "DELETE" -> api.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
        call.in(shop, token);
        return body == null ? call.send() : call.json(body).send();
    }

    @Test
    @DisplayName("an owner creates a staff account that signs in, is listed, and is read with its version as ETag")
    void ownerCreatesStaff() {
        JsonNode staff = newUser("staff");
        assertThat(staff.get("role").asText()).isEqualTo("staff");
        assertThat(staff.get("status").asText()).isEqualTo("active");
        assertThat(staff.has("passwordHash")).isFalse();
        signIn(staff);

        Api.Response read = api.get("/api/v1/users/" + staff.get("id").asText())
                .in(shop, owner)
                .send();
        read.assertStatus(200);
        read.assertETag(0);

        Api.Response listed = api.get("/api/v1/users?role=staff&status=active")
                .in(shop, owner)
                .send();
        listed.assertStatus(200);
        assertThat(listed.json().get("items").findValuesAsText("email"))
                .containsExactly(staff.get("email").asText());
    }

    @Test
    @DisplayName("the list pages with an opaque cursor and filters by role")
    void listPages() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(newUser("manager").get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get(
                            "/api/v1/users?role=manager&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .in(shop, owner)
                    .send();
            page.assertStatus(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            seen.addAll(page.json().get("items").findValuesAsText("id"));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(created);

        assertThat(api.get("/api/v1/users?role=chef").in(shop, owner).send().code())
                .isEqualTo("validation_failed");
    }

    @Test
    @DisplayName("a manager creates staff but gets 403 for an owner or a manager, and nothing is written")
    void managerCreatesOnlyStaff() {
        String manager = signIn(newUser("manager"));
        String would = "would-be@" + shop.domain();
        for (String role : List.of("owner", "manager")) {
            Api.Response refused = create(manager, would, role);
            refused.assertProblem(403, "forbidden");
        }
        assertThat(create(manager, "helper@" + shop.domain(), "staff").status()).isEqualTo(201);
        // The refused email was never claimed: the owner can still give it out.
        assertThat(create(owner, would, "staff").status()).isEqualTo(201);
    }

    @Test
    @DisplayName("a manager can make nobody an owner and cannot manage another manager")
    void managerManagesOnlyStaff() {
        String manager = signIn(newUser("manager"));
        JsonNode staff = newUser("staff");
        JsonNode otherManager = newUser("manager");
        String staffPath = "/api/v1/users/" + staff.get("id").asText();
        String managerPath = "/api/v1/users/" + otherManager.get("id").asText();

        Api.Response promote = call("PUT", staffPath + "/role", manager, Map.of("role", "owner"));
        promote.assertStatus(403);
        assertThat(call("POST", managerPath + "/deactivate", manager, null).status())
                .isEqualTo(403);
        assertThat(call("DELETE", managerPath, manager, null).status()).isEqualTo(403);

        Api.Response deactivated = call("POST", staffPath + "/deactivate", manager, null);
        deactivated.assertStatus(200);
        assertThat(call("POST", staffPath + "/reactivate", manager, null).status())
                .isEqualTo(200);
        assertThat(call("GET", staffPath, owner, null).json().get("role").asText())
                .isEqualTo("staff");
    }

    @Test
    @DisplayName("staff and customers cannot reach user administration")
    void staffAndCustomersAreRefused() {
        String staff = signIn(newUser("staff"));
        Api.Response registered = api.post("/api/v1/auth/register")
                .origin(shop.domain())
                .json(Map.of("email", "shopper@example.com", "password", PASSWORD, "displayName", "Shopper"))
                .send();
        String customer = registered.json().get("accessToken").asText();
        for (String token : List.of(staff, customer)) {
            assertThat(call("GET", "/api/v1/users", token, null).status()).isEqualTo(403);
            Api.Response created = create(token, "sneaky@" + shop.domain(), "staff");
            created.assertProblem(403, "forbidden");
        }
    }

    @Test
    @DisplayName("the last active owner cannot be deactivated, demoted or deleted; with a second owner they can")
    void lastOwnerStays() {
        String me = "/api/v1/users/" + ownerId();
        List<Api.Response> refused = List.of(
                call("POST", me + "/deactivate", owner, null),
                call("PUT", me + "/role", owner, Map.of("role", "manager")),
                call("DELETE", me, owner, null));
        for (Api.Response response : refused) {
            response.assertProblem(409, "last_owner");
        }
        assertThat(call("GET", "/api/v1/auth/me", owner, null).status())
                .as("nothing changed: the owner's session still works")
                .isEqualTo(200);

        String second = signIn(newUser("owner"));
        Api.Response demoted = call("PUT", me + "/role", second, Map.of("role", "manager"));
        demoted.assertStatus(200);
        assertThat(call("GET", "/api/v1/auth/me", owner, null).status())
                .as("a role change ends the sessions that carry the old role")
                .isEqualTo(401);
        Api.Response lastAgain = call("POST", "/api/v1/users/" + ownerIdOf(second) + "/deactivate", second, null);
        assertThat(lastAgain.code()).isEqualTo("last_owner");
    }

    private String ownerIdOf(String token) {
        return call("GET", "/api/v1/auth/me", token, null).json().get("id").asText();
    }

    @Test
    @DisplayName("a deactivated user's access token fails on the very next request, and sign-in and refresh fail too")
    void deactivationEndsAccessAtOnce() {
        JsonNode staff = newUser("staff");
        Api.Response login = platform.login(shop, staff.get("email").asText(), PASSWORD);
        String access = login.json().get("accessToken").asText();
        assertThat(call("GET", "/api/v1/auth/me", access, null).status()).isEqualTo(200);

        String path = "/api/v1/users/" + staff.get("id").asText();
        Api.Response deactivated = api.post(path + "/deactivate")
                .in(shop, owner)
                .returningRepresentation()
                .send();
        deactivated.assertStatus(200);
        assertThat(deactivated.json().get("status").asText()).isEqualTo("inactive");

        Api.Response next = call("GET", "/api/v1/auth/me", access, null);
        next.assertProblem(401, "unauthenticated");
        platform.refresh(shop, login.json().get("refreshToken").asText()).assertStatus(401);
        platform.login(shop, staff.get("email").asText(), PASSWORD).assertStatus(401);

        assertThat(call("POST", path + "/reactivate", owner, null).status()).isEqualTo(200);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> platform.login(shop, staff.get("email").asText(), PASSWORD)
                                .status()
                        == 200);
    }

    @Test
    @DisplayName("a role change with a stale If-Match gets 412 and changes nothing")
    void staleRoleChange() {
        JsonNode staff = newUser("staff");
        String path = "/api/v1/users/" + staff.get("id").asText() + "/role";
        Api.Response changed = api.put(path)
                .in(shop, owner)
                .ifMatch(0)
                .returningRepresentation()
                .json(Map.of("role", "manager"))
                .send();
        changed.assertStatus(200);
        changed.assertETag(1);
        assertThat(changed.json().get("role").asText()).isEqualTo("manager");

        Api.Response stale = api.put(path)
                .in(shop, owner)
                .ifMatch(0)
                .json(Map.of("role", "owner"))
                .send();
        stale.assertProblem(412, "version_conflict");
    }

    @Test
    @DisplayName("a deleted user is gone, their token stops working and their email can be given out again")
    void deleteFreesTheEmail() {
        JsonNode staff = newUser("staff");
        String access = signIn(staff);
        String path = "/api/v1/users/" + staff.get("id").asText();
        assertThat(call("DELETE", path, owner, null).status()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/auth/me", access, null).status()).isEqualTo(401);
        assertThat(call("POST", path + "/reactivate", owner, null).status()).isEqualTo(404);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> call("GET", path, owner, null).status() == 404);
        Api.Response again = create(owner, staff.get("email").asText(), "staff");
        again.assertStatus(201);
    }

    @Test
    @DisplayName("invalid input is refused with the field named, and nothing is written")
    void invalidInput() {
        Map<String, Object> valid = Map.of("email", "new@" + shop.domain(), "role", "staff", "password", PASSWORD);
        for (Map.Entry<String, String> broken : List.of(
                Map.entry("role", "customer"),
                Map.entry("role", "platform_admin"),
                Map.entry("password", "short"),
                Map.entry("email", "not-an-email"))) {
            Map<String, Object> body = new HashMap<>(valid);
            body.put(broken.getKey(), broken.getValue());
            Api.Response response =
                    api.post("/api/v1/users").in(shop, owner).json(body).send();
            response.assertProblem(400, "validation_failed");
            assertThat(response.json().get("errors").findValuesAsText("field")).contains(broken.getKey());
        }
        assertThat(create(owner, "new@" + shop.domain(), "staff").status()).isEqualTo(201);
    }

    @Test
    @DisplayName(
            "another tenant's owner reaching this tenant's user ids gets the 404 of a missing id, and nothing changes")
    void crossTenantLooksLikeNotFound() {
        JsonNode staff = newUser("staff");
        String victim = staff.get("id").asText();
        Platform.Shop other = platform.newShop();
        String attacker = platform.ownerToken(other);
        String missing = UUID.randomUUID().toString();

        Map<String, List<JsonNode>> answers = new HashMap<>();
        for (String target : List.of(victim, missing)) {
            String path = "/api/v1/users/" + target;
            List<Api.Response> responses = List.of(
                    api.get(path).in(other, attacker).send(),
                    api.put(path + "/role")
                            .in(other, attacker)
                            .json(Map.of("role", "owner"))
                            .send(),
                    api.post(path + "/deactivate").in(other, attacker).send(),
                    api.post(path + "/reactivate").in(other, attacker).send(),
                    api.delete(path).in(other, attacker).send());
            for (Api.Response response : responses) {
                response.assertStatus(404);
            }
            answers.put(target, responses.stream().map(r -> withoutInstance(r)).toList());
        }
        assertThat(answers.get(victim)).isEqualTo(answers.get(missing));

        assertThat(api.get("/api/v1/users")
                        .in(other, attacker)
                        .send()
                        .json()
                        .get("items")
                        .findValuesAsText("id"))
                .doesNotContain(victim);
        Api.Response unchanged = call("GET", "/api/v1/users/" + victim, owner, null);
        assertThat(unchanged.json().get("status").asText()).isEqualTo("active");
        assertThat(unchanged.json().get("role").asText()).isEqualTo("staff");
        assertThat(unchanged.json().get("version").asLong()).isZero();
        signIn(staff);
    }
}
