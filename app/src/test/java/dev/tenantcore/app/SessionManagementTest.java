package dev.tenantcore.app;

import static dev.tenantcore.app.support.Tokens.sessionOf;
import static dev.tenantcore.app.support.Tokens.withoutInstance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SessionManagementTest extends ApiTest {

    @Autowired
    EventProcessingConfiguration processing;

    Platform.Shop shop;

    @BeforeEach
    void setUp() {
        shop = platform.newShop();
    }

    /** Signs the shop's owner in from a device named {@code userAgent}. */
    private Api.Response signIn(String userAgent) {
        Api.Response login = api.post("/api/v1/auth/login")
                .origin(shop.domain())
                .header("User-Agent", userAgent)
                .json(Map.of("email", shop.ownerEmail(), "password", Platform.OWNER_PASSWORD))
                .send();
        login.assertStatus(200);
        return login;
    }

    private static String access(Api.Response login) {
        return login.json().get("accessToken").asText();
    }

    private int me(String token) {
        return api.get("/api/v1/auth/me").in(shop, token).send().status();
    }

    private JsonNode sessions(String token) {
        return sessions(shop, token);
    }

    private JsonNode sessions(Platform.Shop on, String token) {
        Api.Response list = api.get("/api/v1/auth/sessions").in(on, token).send();
        list.assertStatus(200);
        return list.json().get("items");
    }

    private Api.Response end(Platform.Shop on, String token, String sessionId) {
        return api.delete("/api/v1/auth/sessions/" + sessionId).in(on, token).send();
    }

    @Test
    @DisplayName("a user lists their open sessions with device, address and the current one flagged")
    void listsSessions() {
        String laptop = access(signIn("laptop-browser"));
        String phone = access(signIn("phone-app"));
        JsonNode items = sessions(laptop);

        assertThat(items.findValuesAsText("id")).contains(sessionOf(laptop), sessionOf(phone));
        for (JsonNode session : items) {
            String id = session.get("id").asText();
            assertThat(session.get("current").asBoolean()).isEqualTo(id.equals(sessionOf(laptop)));
            assertThat(session.get("createdAt").asText()).isNotBlank();
            assertThat(session.get("lastUsedAt").asText()).isNotBlank();
            assertThat(session.get("ip").asText()).isNotBlank();
        }
        assertThat(items.findValuesAsText("userAgent")).contains("laptop-browser", "phone-app");
    }

    @Test
    @DisplayName("ending one of the user's sessions stops its access and refresh tokens at once, and only those")
    void endsOneSession() {
        String laptop = access(signIn("laptop-browser"));
        Api.Response phoneLogin = signIn("phone-app");
        String phone = access(phoneLogin);

        assertThat(end(shop, laptop, sessionOf(phone)).status()).isEqualTo(204);
        assertThat(me(phone)).isEqualTo(401);
        platform.refresh(shop, phoneLogin.json().get("refreshToken").asText()).assertStatus(401);
        assertThat(me(laptop)).isEqualTo(200);
        assertThat(sessions(laptop).findValuesAsText("id")).doesNotContain(sessionOf(phone));
        assertThat(end(shop, laptop, sessionOf(phone)).status())
                .as("an ended session is gone")
                .isEqualTo(404);
    }

    @Test
    @DisplayName("revoke-all ends every session of the caller, the current one included")
    void revokeAll() {
        Api.Response laptopLogin = signIn("laptop-browser");
        String laptop = access(laptopLogin);
        String phone = access(signIn("phone-app"));
        api.post("/api/v1/auth/revoke-all").in(shop, laptop).send().assertStatus(204);
        assertThat(me(laptop)).isEqualTo(401);
        assertThat(me(phone)).isEqualTo(401);
        platform.refresh(shop, laptopLogin.json().get("refreshToken").asText()).assertStatus(401);
        assertThat(me(access(signIn("laptop-browser"))))
                .as("signing in again works")
                .isEqualTo(200);
    }

    @Test
    @DisplayName("another user's or another tenant's session id gets the 404 of a missing id, and the session stays")
    void foreignSessionsLookMissing() {
        String owner = access(signIn("laptop-browser"));
        String victimSession = sessionOf(owner);

        String staffEmail = "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@" + shop.domain();
        api.post("/api/v1/users")
                .in(shop, owner)
                .json(Map.of("email", staffEmail, "role", "staff", "password", "staff-password-1"))
                .send()
                .assertStatus(201);
        String colleague = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> platform.login(shop, staffEmail, "staff-password-1"), r -> r.status() == 200)
                .json()
                .get("accessToken")
                .asText();
        Platform.Shop other = platform.newShop();
        String attacker = platform.ownerToken(other);
        String missing = UUID.randomUUID().toString();

        List<Api.Response> attempts = List.of(
                end(shop, colleague, victimSession),
                end(other, attacker, victimSession),
                end(shop, colleague, missing),
                end(other, attacker, missing));
        for (Api.Response attempt : attempts) {
            attempt.assertStatus(404);
            assertThat(withoutInstance(attempt)).isEqualTo(withoutInstance(attempts.get(3)));
        }
        assertThat(sessions(colleague).findValuesAsText("id")).doesNotContain(victimSession);
        assertThat(sessions(other, attacker).findValuesAsText("id")).doesNotContain(victimSession);
        assertThat(me(owner)).as("the session is still open").isEqualTo(200);

        Api.Response unauthenticated =
                api.get("/api/v1/auth/sessions").origin(shop.domain()).send();
        unauthenticated.assertStatus(401);
    }

    @Test
    @DisplayName("a session id that is no UUID is refused as invalid input")
    void malformedSessionId() {
        String owner = access(signIn("laptop-browser"));
        Api.Response response = end(shop, owner, "not-a-uuid");
        response.assertProblem(400, "validation_failed");
    }

    @Test
    @DisplayName(
            "sessions end inside the transaction of the account change: their processor subscribes, it does not track")
    void sessionsEndInTheCommandTransaction() {
        assertThat(processing.eventProcessorByProcessingGroup("session-termination"))
                .containsInstanceOf(SubscribingEventProcessor.class);
    }
}
