package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.PasswordHashes;
import dev.tenantcore.app.support.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sign-in is the API's costliest anonymous call (an Argon2 hash each): failed sign-ins are limited
 * per account wherever they come from, a refused password change never hashes the new password,
 * and however many sign-ins arrive at once, only a bounded number hash at a time while the rest of
 * the API keeps answering.
 */
class SignInLimitsTest extends ApiTest {

    /** The built-in allowance of failed sign-ins per account before the back-off starts. */
    private static final int FAILURES_ALLOWED = 5;

    @Autowired
    PasswordHashes hashes;

    @Autowired
    MeterRegistry meters;

    Platform.Shop shop;

    @BeforeEach
    void setUp() {
        shop = platform.newShop();
    }

    /** A sign-in that reaches the API from {@code address}, through the trusted proxy the tests act as. */
    private Api.Response loginFrom(Platform.Shop on, String address, String email, String password) {
        return api.post("/api/v1/auth/login")
                .origin(on.domain())
                .header("X-Forwarded-For", address)
                .json(Map.of("email", email, "password", password))
                .send();
    }

    /** Wrong passwords for {@code email}, each from another address, until the account is held back. */
    private List<Api.Response> guess(String email) {
        List<Api.Response> answers = new ArrayList<>();
        for (int i = 1; i <= FAILURES_ALLOWED + 3; i++) {
            answers.add(loginFrom(shop, "203.0.113." + i, email, "wrong-guess-" + i));
        }
        return answers;
    }

    private static void assertHeldBackAfterTheAllowance(List<Api.Response> answers) {
        List<Integer> statuses = answers.stream().map(Api.Response::status).toList();
        assertThat(statuses.subList(0, FAILURES_ALLOWED))
                .as(statuses.toString())
                .containsOnly(401);
        // The back-off refills one attempt every few seconds, so a slow run may see one more 401.
        assertThat(statuses.subList(FAILURES_ALLOWED, statuses.size()))
                .as(statuses.toString())
                .contains(429)
                .isSubsetOf(401, 429)
                .filteredOn(status -> status == 401)
                .hasSizeLessThanOrEqualTo(1);
        Api.Response last = answers.get(answers.size() - 1);
        last.assertProblem(429, "rate_limited");
        assertThat(Long.parseLong(last.header("Retry-After")))
                .as(last.toString())
                .isPositive();
    }

    @Test
    @DisplayName("wrong passwords for one account from many addresses are held back with 429 and Retry-After")
    void failedSignInsArePerAccount() {
        assertHeldBackAfterTheAllowance(guess(shop.ownerEmail()));

        loginFrom(shop, "198.51.100.7", shop.ownerEmail(), Platform.OWNER_PASSWORD)
                .assertProblem(429, "rate_limited");
        Platform.Shop other = platform.newShop();
        loginFrom(other, "203.0.113.1", shop.ownerEmail(), "wrong-guess-1").assertProblem(401, "invalid_credentials");
    }

    @Test
    @DisplayName("an unknown account is held back exactly like an existing one, so the limit tells nothing")
    void unknownAccountsLookTheSame() {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@" + shop.domain();

        assertHeldBackAfterTheAllowance(guess(nobody));
    }

    @Test
    @DisplayName("successful sign-ins use up none of the allowance")
    void successesAreFree() {
        for (int i = 0; i < FAILURES_ALLOWED * 2; i++) {
            loginFrom(shop, "203.0.113.9", shop.ownerEmail(), Platform.OWNER_PASSWORD)
                    .assertStatus(200);
        }
    }

    @Test
    @DisplayName("a wrong current password refuses the change before the new password is hashed")
    void wrongCurrentPasswordHashesNothingNew() {
        String owner = platform.ownerToken(shop);
        String newPassword = "never-hashed-" + UUID.randomUUID();

        api.post("/api/v1/account/password")
                .in(shop, owner)
                .json(Map.of("currentPassword", "not-the-password", "newPassword", newPassword))
                .send()
                .assertProblem(400, "validation_failed");

        assertThat(hashes.hashed(newPassword))
                .as("the new password was hashed although the current one was wrong")
                .isFalse();
        api.post("/api/v1/account/password")
                .in(shop, owner)
                .json(Map.of("currentPassword", Platform.OWNER_PASSWORD, "newPassword", newPassword))
                .send()
                .assertStatus(204);
        assertThat(hashes.hashed(newPassword)).isTrue();
    }

    @Test
    @DisplayName("a sign-in flood never hashes more than the bound at once, and the rest of the API still answers")
    void hashingIsBounded() throws Exception {
        int callers = 48;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Api.Response>> flood = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String email = "flood-" + UUID.randomUUID() + "@" + shop.domain();
                String address = "198.51.100." + (i + 1);
                flood.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return loginFrom(shop, address, email, "any-password-" + address);
                        },
                        pool));
            }
            start.countDown();

            // How fast it answers is the benchmark's to measure; here it must answer at all.
            api.get("/api/v1/public/products").origin(shop.domain()).send().assertStatus(200);

            for (CompletableFuture<Api.Response> call : flood) {
                Api.Response answer = call.get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.toString()).isIn(401, 503);
                if (answer.status() == 503) {
                    answer.assertProblem(503, "busy");
                    assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double limit = meters.get("tenantcore.password.hashing.limit").gauge().value();
        double peak = meters.get("tenantcore.password.hashing.peak").gauge().value();
        assertThat(limit).isPositive();
        assertThat(peak).as("most password hashes at once").isEqualTo(limit);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
