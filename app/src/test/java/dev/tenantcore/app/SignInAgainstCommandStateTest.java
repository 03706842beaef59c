package dev.tenantcore.app;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ResetTokenInbox;
import dev.tenantcore.infra.security.SessionStore;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in and token refresh decide from what the account's commands recorded in their own
 * transaction, never from the user read model: the {@code users} projection is stopped in each
 * test (as if it lagged or had dead-lettered the change), and every answer is asserted at once,
 * without waiting for anything.
 */
class SignInAgainstCommandStateTest extends ApiTest {

    private static final String NEW_PASSWORD = "a-brand-new-password";

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    SessionStore sessionStore;

    @Autowired
    PlatformTransactionManager transactionManager;

    Platform.Shop shop;
    String owner;
    EventProcessor users;

    @BeforeEach
    void setUp() {
        shop = platform.newShop();
        owner = platform.ownerToken(shop);
        users = processing.eventProcessorByProcessingGroup("users").orElseThrow();
    }

    @AfterEach
    void restartTheProjection() {
        users.start();
    }

    private Api.Response login(Platform.Shop on, String email, String password) {
        return platform.login(on, email, password);
    }

    /** A fresh staff email at the shop. */
    private String staffEmail() {
        return "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@" + shop.domain();
    }

    /** Deactivates or reactivates a staff member as the owner: {@code change} is the endpoint's last segment. */
    private void setActive(String staffId, String change) {
        api.post("/api/v1/users/" + staffId + "/" + change)
                .in(shop, owner)
                .send()
                .assertStatus(200);
    }

    /** A staff member of the shop, created (and known to the read model) before the projection stops. */
    private String newStaff(String email) {
        Api.Response created = api.post("/api/v1/users")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of("email", email, "role", "staff", "password", Platform.STAFF_PASSWORD))
                .send();
        created.assertStatus(201);
        return created.json().get("id").asText();
    }

    @Test
    @DisplayName("after a password reset the old password is refused and the new one works at once")
    void resetCountsAtOnce() {
        try (ResetTokenInbox inbox = ResetTokenInbox.open(context)) {
            api.post("/api/v1/auth/password-reset")
                    .origin(shop.domain())
                    .json(Map.of("email", shop.ownerEmail()))
                    .send()
                    .assertStatus(202);
            String token = inbox.awaitToken(shop.id(), shop.ownerEmail());
            users.shutDown();

            api.post("/api/v1/auth/password-reset/confirm")
                    .origin(shop.domain())
                    .json(Map.of("token", token, "newPassword", NEW_PASSWORD))
                    .send()
                    .assertStatus(204);

            assertOnlyTheNewPasswordSignsIn();
        }
    }

    @Test
    @DisplayName("after a password change the old password is refused and the new one works at once")
    void changeCountsAtOnce() {
        users.shutDown();
        api.post("/api/v1/account/password")
                .in(shop, owner)
                .json(Map.of("currentPassword", Platform.OWNER_PASSWORD, "newPassword", NEW_PASSWORD))
                .send()
                .assertStatus(204);

        assertOnlyTheNewPasswordSignsIn();
    }

    private void assertOnlyTheNewPasswordSignsIn() {
        login(shop, shop.ownerEmail(), Platform.OWNER_PASSWORD).assertProblem(401, "invalid_credentials");
        login(shop, shop.ownerEmail(), NEW_PASSWORD).assertStatus(200);
    }

    @Test
    @DisplayName("a deactivated user cannot sign in, at once")
    void deactivationCountsAtOnce() {
        String email = staffEmail();
        String staffId = newStaff(email);
        Api.Response before = login(shop, email, Platform.STAFF_PASSWORD);
        before.assertStatus(200);
        users.shutDown();

        setActive(staffId, "deactivate");

        login(shop, email, Platform.STAFF_PASSWORD).assertProblem(401, "invalid_credentials");
        platform.refresh(shop, before.json().get("refreshToken").asText()).assertProblem(401, "invalid_token");
    }

    @Test
    @DisplayName("a deactivated user's session that outlived the deactivation cannot be refreshed, at once")
    void deactivatedUserCannotRefresh() {
        String email = staffEmail();
        String staffId = newStaff(email);
        users.shutDown();

        setActive(staffId, "deactivate");
        // A sign-in whose password check passed just before the deactivation committed: its session
        // is recorded after the deactivation ended the user's sessions. Its refresh must still fail.
        String refreshToken = openSessionOf(shop.id(), staffId);

        platform.refresh(shop, refreshToken).assertProblem(401, "invalid_token");
    }

    @Test
    @DisplayName("a reactivated user signs in again at once")
    void reactivationCountsAtOnce() {
        String email = staffEmail();
        String staffId = newStaff(email);
        users.shutDown();
        setActive(staffId, "deactivate");
        login(shop, email, Platform.STAFF_PASSWORD).assertStatus(401);

        setActive(staffId, "reactivate");

        login(shop, email, Platform.STAFF_PASSWORD).assertStatus(200);
    }

    @Test
    @DisplayName("an account created while the projection is stopped signs in at once")
    void newAccountSignsInAtOnce() {
        users.shutDown();
        String email = staffEmail();
        api.post("/api/v1/users")
                .in(shop, owner)
                .json(Map.of("email", email, "role", "staff", "password", Platform.STAFF_PASSWORD))
                .send()
                .assertStatus(201);

        login(shop, email, Platform.STAFF_PASSWORD).assertStatus(200);
    }

    @Test
    @DisplayName("a password change in one tenant leaves the same email's account in another tenant alone")
    void otherTenantsAccountUntouched() {
        Platform.Shop other = platform.newShop();
        String email = "twin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String customer = register(shop, email, "first-shop-password");
        register(other, email, "other-shop-password");
        users.shutDown();

        api.post("/api/v1/account/password")
                .in(shop, customer)
                .json(Map.of("currentPassword", "first-shop-password", "newPassword", NEW_PASSWORD))
                .send()
                .assertStatus(204);

        login(shop, email, NEW_PASSWORD).assertStatus(200);
        login(other, email, NEW_PASSWORD).assertProblem(401, "invalid_credentials");
        login(other, email, "other-shop-password").assertStatus(200);
        login(shop, email, "other-shop-password").assertProblem(401, "invalid_credentials");
    }

    private String register(Platform.Shop on, String email, String password) {
        Api.Response registered = api.post("/api/v1/auth/register")
                .origin(on.domain())
                .json(Map.of("email", email, "password", password, "displayName", "Twin"))
                .send();
        registered.assertStatus(201);
        return registered.json().get("accessToken").asText();
    }

    /** Records a session for the user as sign-in does once the password has been checked. */
    private String openSessionOf(String tenantId, String userId) {
        TenantId tenant = TenantId.of(tenantId);
        try (var scope = TenantContext.enter(tenant, null)) {
            return new TransactionTemplate(transactionManager)
                    .execute(status -> sessionStore
                            .open(tenant, UserId.of(userId), Duration.ofDays(1), "127.0.0.1", "racing-sign-in")
                            .refreshToken());
        }
    }
}
