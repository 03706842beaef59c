package dev.tenantcore.app;

import static dev.tenantcore.app.support.Tokens.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CustomerAccountTest extends ApiTest {

    private static final String PASSWORD = "customer-password-1";

    private Api.Response register(Platform.Shop shop, String email) {
        return api.post("/api/v1/auth/register")
                .origin(shop.domain())
                .header("User-Agent", "storefront-test")
                .json(Map.of("email", email, "password", PASSWORD, "displayName", "Carla"))
                .send();
    }

    private static String uniqueEmail() {
        return "carla-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    @DisplayName("a customer registers and is signed in at once; the account is readable right away")
    void registerSignsIn() {
        Platform.Shop shop = platform.newShop();
        String email = uniqueEmail();
        Api.Response registered = register(shop, email);
        registered.assertStatus(201);
        assertThat(registered.header("Location")).isEqualTo("/api/v1/account");
        assertThat(registered.json().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(registered.json().get("refreshToken").asText()).isNotBlank();
        String access = registered.json().get("accessToken").asText();
        assertThat(claims(access).get("roles").get(0).asText()).isEqualTo("customer");
        assertThat(claims(access).get("tid").asText()).isEqualTo(shop.id());

        Api.Response account = api.get("/api/v1/account").in(shop, access).send();
        account.assertStatus(200);
        account.assertETag(0);
        assertThat(account.json().get("email").asText()).isEqualTo(email);
        assertThat(account.json().get("role").asText()).isEqualTo("customer");
        assertThat(account.json().get("displayName").asText()).isEqualTo("Carla");
        platform.login(shop, email, PASSWORD).assertStatus(200);
    }

    @Test
    @DisplayName("the same email registers on two tenants as two accounts, but only once per tenant")
    void sameEmailOnTwoTenants() {
        Platform.Shop a = platform.newShop();
        Platform.Shop b = platform.newShop();
        String email = uniqueEmail();
        Api.Response onA = register(a, email);
        Api.Response onB = register(b, email);
        onA.assertStatus(201);
        onB.assertStatus(201);
        assertThat(claims(onA.json().get("accessToken").asText()).get("sub").asText())
                .isNotEqualTo(claims(onB.json().get("accessToken").asText())
                        .get("sub")
                        .asText());

        Api.Response twice = register(a, email.toUpperCase());
        twice.assertProblem(409, "email_taken");
    }

    @Test
    @DisplayName("registration needs a tenant: without one it is 404 tenant_not_found and nothing is created")
    void registrationNeedsTenant() {
        Api.Response response = api.post("/api/v1/auth/register")
                .json(Map.of("email", uniqueEmail(), "password", PASSWORD, "displayName", "Nobody"))
                .send();
        response.assertProblem(404, "tenant_not_found");
    }

    @Test
    @DisplayName("invalid registrations are refused with the field named")
    void invalidRegistration() {
        Platform.Shop shop = platform.newShop();
        Api.Response shortPassword = api.post("/api/v1/auth/register")
                .origin(shop.domain())
                .json(Map.of("email", uniqueEmail(), "password", "short", "displayName", "Carla"))
                .send();
        shortPassword.assertStatus(400);
        assertThat(shortPassword.json().get("errors").findValuesAsText("field")).contains("password");
        Api.Response injected = api.post("/api/v1/auth/register")
                .origin(shop.domain())
                .json(Map.of("email", uniqueEmail(), "password", PASSWORD, "displayName", "Carla", "role", "owner"))
                .send();
        assertThat(injected.status()).as("a role cannot be smuggled in").isEqualTo(400);
    }

    @Test
    @DisplayName("a user changes the display name with If-Match; a stale version gets 412")
    void updateProfile() {
        Platform.Shop shop = platform.newShop();
        String access = register(shop, uniqueEmail()).json().get("accessToken").asText();
        Api.Response updated = api.patch("/api/v1/account")
                .in(shop, access)
                .ifMatch(0)
                .returningRepresentation()
                .json(Map.of("displayName", "Carla Gómez"))
                .send();
        updated.assertStatus(200);
        updated.assertETag(1);
        assertThat(updated.json().get("displayName").asText()).isEqualTo("Carla Gómez");

        Api.Response stale = api.patch("/api/v1/account")
                .in(shop, access)
                .ifMatch(0)
                .json(Map.of("displayName", "Mallory"))
                .send();
        stale.assertStatus(412);
        assertThat(api.get("/api/v1/account")
                        .in(shop, access)
                        .send()
                        .json()
                        .get("displayName")
                        .asText())
                .isEqualTo("Carla Gómez");
    }

    @Test
    @DisplayName("a password change needs the current password and ends the user's other sessions, not this one")
    void changePassword() {
        Platform.Shop shop = platform.newShop();
        String email = uniqueEmail();
        String here = register(shop, email).json().get("accessToken").asText();
        String elsewhere =
                platform.login(shop, email, PASSWORD).json().get("accessToken").asText();

        Api.Response wrong = api.post("/api/v1/account/password")
                .in(shop, here)
                .json(Map.of("currentPassword", "not-my-password", "newPassword", "a-new-password-2"))
                .send();
        wrong.assertProblem(400, "validation_failed");
        assertThat(api.get("/api/v1/account").in(shop, elsewhere).send().status())
                .as("a refused change ends nothing")
                .isEqualTo(200);

        Api.Response changed = api.post("/api/v1/account/password")
                .in(shop, here)
                .json(Map.of("currentPassword", PASSWORD, "newPassword", "a-new-password-2"))
                .send();
        changed.assertStatus(204);
        api.get("/api/v1/account").in(shop, here).send().assertStatus(200);
        api.get("/api/v1/account").in(shop, elsewhere).send().assertStatus(401);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> platform.login(shop, email, "a-new-password-2").status() == 200);
        platform.login(shop, email, PASSWORD).assertStatus(401);
    }

    @Test
    @DisplayName("a customer's account is theirs only: staff endpoints answer 403")
    void customerIsNoStaff() {
        Platform.Shop shop = platform.newShop();
        String access = register(shop, uniqueEmail()).json().get("accessToken").asText();
        api.get("/api/v1/users").in(shop, access).send().assertStatus(403);
        api.get("/api/v1/products").in(shop, access).send().assertStatus(403);
    }

    @Test
    @DisplayName("a customer's token of one tenant does not reach the account on another tenant's domain")
    void accountIsTenantScoped() {
        Platform.Shop a = platform.newShop();
        Platform.Shop b = platform.newShop();
        String access = register(a, uniqueEmail()).json().get("accessToken").asText();
        Api.Response response = api.get("/api/v1/account").in(b, access).send();
        response.assertProblem(403, "tenant_mismatch");
    }

    @Test
    @DisplayName("the platform administrator reads their own account without a tenant")
    void platformAdminAccount() {
        Api.Response account =
                api.get("/api/v1/account").bearer(platform.adminToken()).send();
        account.assertStatus(200);
        JsonNode body = account.json();
        assertThat(body.get("role").asText()).isEqualTo("platform_admin");
        assertThat(body.get("email").asText()).isEqualTo(Platform.ADMIN_EMAIL);
    }
}
