package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The platform suspends a tenant's user and reinstates them; the tenant sees it and cannot lift it. */
class UserSuspensionTest extends ShopTest {

    private static final String PASSWORD = "staff-password-1";
    private static final String REASON = "Chargebacks under review (ticket 4711)";

    private String admin;
    private JsonNode staff;

    @BeforeEach
    void staffMember() {
        admin = platform.adminToken();
        String email = "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@" + shop.domain();
        Api.Response created = api.post("/api/v1/users")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of("email", email, "displayName", "Staff", "role", "staff", "password", PASSWORD))
                .send();
        created.assertStatus(201);
        staff = created.json();
    }

    private String path(String tenantId, String userId, String action) {
        return "/api/v1/platform/tenants/" + tenantId + "/users/" + userId + "/" + action;
    }

    private Api.Response suspend(String tenantId, String userId, Object body) {
        return api.post(path(tenantId, userId, "suspend"))
                .bearer(admin)
                .returningRepresentation()
                .json(body)
                .send();
    }

    private Api.Response reinstate(String tenantId, String userId) {
        return api.post(path(tenantId, userId, "reinstate"))
                .bearer(admin)
                .returningRepresentation()
                .send();
    }

    private Api.Response signIn() {
        return platform.login(shop, staff.get("email").asText(), PASSWORD);
    }

    private JsonNode asOwnerSees() {
        Api.Response read = api.get("/api/v1/users/" + staff.get("id").asText())
                .in(shop, owner)
                .send();
        read.assertStatus(200);
        return read.json();
    }

    @Test
    @DisplayName(
            "a suspended user is signed out at once, cannot sign in or refresh, and signs in again once reinstated")
    void suspendsAndReinstates() {
        Api.Response login = signIn();
        login.assertStatus(200);
        String access = login.json().get("accessToken").asText();
        String id = staff.get("id").asText();

        Api.Response suspended = suspend(shop.id(), id, Map.of("reason", REASON));
        suspended.assertStatus(200);
        assertThat(suspended.json().get("status").asText()).isEqualTo("suspended");
        assertThat(suspended.json().get("suspensionReason").asText()).isEqualTo(REASON);
        assertThat(suspended.header("ETag")).isEqualTo("\"1\"");

        api.get("/api/v1/auth/me").in(shop, access).send().assertProblem(401, "unauthenticated");
        platform.refresh(shop, login.json().get("refreshToken").asText()).assertStatus(401);
        Api.Response refused = signIn();
        Api.Response wrongPassword = platform.login(shop, staff.get("email").asText(), "not-the-password");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body())
                .as("answered as a wrong password, as a deactivated account is")
                .isEqualTo(wrongPassword.body());

        JsonNode seen = asOwnerSees();
        assertThat(seen.get("status").asText()).isEqualTo("suspended");
        assertThat(seen.get("suspensionReason").asText()).isEqualTo(REASON);
        assertThat(api.get("/api/v1/users?status=suspended")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("items")
                        .findValuesAsText("id"))
                .containsExactly(id);

        Api.Response stale = api.post(path(shop.id(), id, "reinstate"))
                .bearer(admin)
                .ifMatch(0)
                .send();
        assertThat(stale.status()).isEqualTo(412);

        Api.Response reinstated = reinstate(shop.id(), id);
        reinstated.assertStatus(200);
        assertThat(reinstated.json().get("status").asText()).isEqualTo("active");
        assertThat(reinstated.json().get("suspensionReason").isNull()).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> signIn().status() == 200);
    }

    @Test
    @DisplayName("the tenant's owner sees the suspension but neither lifts it nor gets around it by reactivating")
    void ownerCannotLift() {
        String id = staff.get("id").asText();
        String users = "/api/v1/users/" + id;
        api.post(users + "/deactivate").in(shop, owner).send().assertStatus(200);
        suspend(shop.id(), id, Map.of("reason", REASON)).assertStatus(200);

        Api.Response reactivated = api.post(users + "/reactivate")
                .in(shop, owner)
                .returningRepresentation()
                .send();
        reactivated.assertStatus(200);
        assertThat(reactivated.json().get("status").asText()).isEqualTo("suspended");
        assertThat(signIn().status()).isEqualTo(401);

        assertThat(api.post(path(shop.id(), id, "reinstate"))
                        .in(shop, owner)
                        .send()
                        .status())
                .as("a tenant's token on a platform route")
                .isIn(401, 403);
        assertThat(api.post(path(shop.id(), id, "reinstate"))
                        .bearer(owner)
                        .send()
                        .status())
                .isIn(401, 403);
        assertThat(asOwnerSees().get("status").asText()).isEqualTo("suspended");

        reinstate(shop.id(), id).assertStatus(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> signIn().status() == 200);
    }

    @Test
    @DisplayName("a suspension needs a reason without control characters; nothing is recorded otherwise")
    void reasonRequired() {
        String id = staff.get("id").asText();
        for (Object bad : new Object[] {
            Map.of(),
            Map.of("reason", ""),
            Map.of("reason", "  "),
            Map.of("reason", "x".repeat(501)),
            Map.of("reason", "bell\u0007")
        }) {
            Api.Response refused = suspend(shop.id(), id, bad);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        assertThat(asOwnerSees().get("status").asText()).isEqualTo("active");
        assertThat(asOwnerSees().get("version").asLong()).isZero();
        signIn().assertStatus(200);
    }

    @Test
    @DisplayName("a user named under another tenant, or a missing one, is not found, and nothing changes")
    void otherTenant() {
        Platform.Shop other = platform.newShop();
        String id = staff.get("id").asText();
        String missing = UUID.randomUUID().toString();

        Api.Response foreign = suspend(other.id(), id, Map.of("reason", REASON));
        assertThat(foreign.status()).isEqualTo(404);
        Api.Response absent = suspend(other.id(), missing, Map.of("reason", REASON));
        assertThat(foreign.body()).isEqualTo(absent.body().replace(missing, id));
        assertThat(suspend(new UUID(0, 0).toString(), id, Map.of("reason", REASON))
                        .status())
                .as("the platform scope has no tenant users")
                .isEqualTo(404);
        assertThat(reinstate(other.id(), id).status()).isEqualTo(404);
        // The id of something that is not a user (the shop itself) names no user either.
        reinstate(shop.id(), shop.id()).assertProblem(404, "not_found");
        suspend(shop.id(), shop.id(), Map.of("reason", REASON)).assertProblem(404, "not_found");

        String otherOwner = platform.ownerToken(other);
        assertThat(api.post(path(shop.id(), id, "suspend"))
                        .bearer(otherOwner)
                        .json(Map.of("reason", REASON))
                        .send()
                        .status())
                .isIn(401, 403);

        assertThat(asOwnerSees().get("status").asText()).isEqualTo("active");
        signIn().assertStatus(200);
    }

    @Test
    @DisplayName("a suspended owner does not count as the one that remains: the other owner stays the last")
    void suspendedOwnerIsNoRemainingOwner() {
        String email = "owner2-" + UUID.randomUUID().toString().substring(0, 8) + "@" + shop.domain();
        Api.Response second = api.post("/api/v1/users")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of("email", email, "displayName", "Owner 2", "role", "owner", "password", PASSWORD))
                .send();
        second.assertStatus(201);
        suspend(shop.id(), second.json().get("id").asText(), Map.of("reason", REASON))
                .assertStatus(200);

        String me = api.get("/api/v1/auth/me")
                .in(shop, owner)
                .send()
                .json()
                .get("id")
                .asText();
        api.post("/api/v1/users/" + me + "/deactivate").in(shop, owner).send().assertProblem(409, "last_owner");
    }
}
