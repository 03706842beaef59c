package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ResetTokenInbox;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

class PasswordResetTest extends ApiTest {

    private static final String NEW_PASSWORD = "a-brand-new-password";

    @Autowired
    ConfigurableApplicationContext context;

    Platform.Shop shop;
    ResetTokenInbox inbox;

    @BeforeEach
    void setUp() {
        shop = platform.newShop();
        inbox = ResetTokenInbox.open(context);
    }

    @AfterEach
    void tearDown() {
        inbox.close();
    }

    private Api.Response requestReset(Platform.Shop on, String email) {
        return api.post("/api/v1/auth/password-reset")
                .origin(on.domain())
                .json(Map.of("email", email))
                .send();
    }

    private Api.Response confirm(Platform.Shop on, String token, String newPassword) {
        return api.post("/api/v1/auth/password-reset/confirm")
                .origin(on.domain())
                .json(Map.of("token", token, "newPassword", newPassword))
                .send();
    }

    @Test
    @DisplayName("reset by token: the new password works, the old one and every session end, the token works once")
    void fullFlow() {
        Api.Response login = platform.login(shop, shop.ownerEmail(), Platform.OWNER_PASSWORD);
        String access = login.json().get("accessToken").asText();

        Api.Response requested = requestReset(shop, shop.ownerEmail());
        requested.assertStatus(202);
        String token = inbox.awaitToken(shop.id(), shop.ownerEmail());
        assertThat(requested.body()).doesNotContain(token);

        Api.Response confirmed = confirm(shop, token, NEW_PASSWORD);
        confirmed.assertStatus(204);
        assertThat(api.get("/api/v1/auth/me").in(shop, access).send().status())
                .as("sessions opened with the old password end at once")
                .isEqualTo(401);
        platform.refresh(shop, login.json().get("refreshToken").asText()).assertStatus(401);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        platform.login(shop, shop.ownerEmail(), NEW_PASSWORD).status() == 200);
        platform.login(shop, shop.ownerEmail(), Platform.OWNER_PASSWORD).assertStatus(401);

        Api.Response reused = confirm(shop, token, "yet-another-password");
        reused.assertProblem(400, "reset_token_invalid");
        platform.login(shop, shop.ownerEmail(), NEW_PASSWORD).assertStatus(200);
    }

    @Test
    @DisplayName("an unknown email gets the very same answer as a known one, and no token is issued for it")
    void unknownEmailLooksTheSame() {
        String unknown = "nobody-" + UUID.randomUUID() + "@" + shop.domain();
        Api.Response forUnknown = requestReset(shop, unknown);
        Api.Response forKnown = requestReset(shop, shop.ownerEmail());
        forUnknown.assertStatus(202);
        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        assertThat(forUnknown.header("Content-Type")).isEqualTo(forKnown.header("Content-Type"));

        // Requests are handled in order, so once the known one's token is out, the unknown one is done.
        inbox.awaitToken(shop.id(), shop.ownerEmail());
        assertThat(inbox.latest(shop.id(), unknown)).isEmpty();
    }

    @Test
    @DisplayName("a token works only on its own tenant's domain")
    void tokenIsTenantScoped() {
        Platform.Shop other = platform.newShop();
        requestReset(shop, shop.ownerEmail());
        String token = inbox.awaitToken(shop.id(), shop.ownerEmail());

        Api.Response elsewhere = confirm(other, token, NEW_PASSWORD);
        elsewhere.assertProblem(400, "reset_token_invalid");
        Api.Response forged = confirm(other, UUID.randomUUID() + ".not-the-secret", NEW_PASSWORD);
        assertThat(forged.body()).isEqualTo(elsewhere.body());

        assertThat(confirm(shop, token, NEW_PASSWORD).status()).isEqualTo(204);
    }

    @Test
    @DisplayName("a newer request replaces the older token")
    void newerTokenReplacesOlder() {
        requestReset(shop, shop.ownerEmail());
        String first = inbox.awaitToken(shop.id(), shop.ownerEmail());
        requestReset(shop, shop.ownerEmail());
        String second = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> inbox.latest(shop.id(), shop.ownerEmail()).orElseThrow(), t -> !t.equals(first));

        assertThat(confirm(shop, first, NEW_PASSWORD).code()).isEqualTo("reset_token_invalid");
        assertThat(confirm(shop, second, NEW_PASSWORD).status()).isEqualTo(204);
    }

    @Test
    @DisplayName("a deactivated account gets no token, with the same answer")
    void deactivatedAccountGetsNone() {
        String owner = platform.ownerToken(shop);
        String email = "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@" + shop.domain();
        Api.Response created = api.post("/api/v1/users")
                .in(shop, owner)
                .json(Map.of("email", email, "role", "staff", "password", "staff-password-1"))
                .send();
        String id = created.json().get("id").asText();
        Api.Response deactivated = api.post("/api/v1/users/" + id + "/deactivate")
                .in(shop, owner)
                .returningRepresentation()
                .send();
        assertThat(deactivated.json().get("status").asText()).isEqualTo("inactive");

        assertThat(requestReset(shop, email).status()).isEqualTo(202);
        requestReset(shop, shop.ownerEmail());
        inbox.awaitToken(shop.id(), shop.ownerEmail());
        assertThat(inbox.latest(shop.id(), email)).isEmpty();
    }

    @Test
    @DisplayName("malformed and made-up tokens are refused as reset_token_invalid, bad bodies as validation_failed")
    void badTokens() {
        for (String token : new String[] {"garbage", UUID.randomUUID() + ".made-up", "x".repeat(199)}) {
            Api.Response response = confirm(shop, token, NEW_PASSWORD);
            assertThat(response.status()).as(token).isEqualTo(400);
            assertThat(response.code()).isEqualTo("reset_token_invalid");
        }
        Api.Response shortPassword = confirm(shop, UUID.randomUUID() + ".x", "short");
        assertThat(shortPassword.code()).isEqualTo("validation_failed");
        Api.Response notAnEmail = requestReset(shop, "not-an-email");
        assertThat(notAnEmail.code()).isEqualTo("validation_failed");
    }

    @Test
    @DisplayName("resets need a tenant: without one both steps are 404 tenant_not_found")
    void resetNeedsTenant() {
        Api.Response request = api.post("/api/v1/auth/password-reset")
                .json(Map.of("email", Platform.ADMIN_EMAIL))
                .send();
        Api.Response confirmation = api.post("/api/v1/auth/password-reset/confirm")
                .json(Map.of("token", UUID.randomUUID() + ".x", "newPassword", NEW_PASSWORD))
                .send();
        for (Api.Response response : new Api.Response[] {request, confirmation}) {
            response.assertProblem(404, "tenant_not_found");
        }
    }
}
