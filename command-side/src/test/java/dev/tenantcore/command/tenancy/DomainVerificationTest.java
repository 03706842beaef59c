package dev.tenantcore.command.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.DomainOwnershipCheck;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@DisplayName("Domain verification before the command")
class DomainVerificationTest {

    private static final TenantId ACME = TenantId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static final String DOMAIN = "shop.acme.example";
    private static final String TOKEN = "token-of-acme";

    private final InMemoryDomainClaims claims = new InMemoryDomainClaims(new InMemoryUniqueKeys());
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private DomainVerification verification;

    @AfterEach
    void tearDown() {
        released.countDown();
        if (verification != null) {
            verification.destroy();
        }
    }

    @Test
    @DisplayName("checks the tenant's own token, and answers what the domain served")
    void checksTheTenantsToken() {
        claims.claimed(DOMAIN, ACME, TOKEN, claims.now);
        verification = verification(Duration.ofSeconds(2), 2, (domain, token) -> {
            asked.add(domain + "=" + token);
            return DomainOwnershipVerifier.Outcome.success();
        });

        assertThat(verification.check(ACME, "SHOP.acme.example")).isEqualTo(DomainOwnershipCheck.served(TOKEN));
        assertThat(asked).containsExactly(DOMAIN + "=" + TOKEN);
    }

    @Test
    @DisplayName("fetches nothing for a domain the tenant has no unverified claim on")
    void nothingToCheck() {
        verification = verification(Duration.ofSeconds(2), 2, (domain, token) -> {
            asked.add(domain);
            return DomainOwnershipVerifier.Outcome.success();
        });

        assertThat(verification.check(ACME, DOMAIN)).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    @DisplayName("a check that hangs fails when its time is up, while the lookup still hangs")
    void hangingCheckFailsInTime() {
        claims.claimed(DOMAIN, ACME, TOKEN, claims.now);
        verification = verification(Duration.ofMillis(300), 2, this::hang);

        long started = System.nanoTime();
        DomainOwnershipCheck check = verification.check(ACME, DOMAIN);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(check.tokenServed()).isFalse();
        assertThat(check.token()).isEqualTo(TOKEN);
        assertThat(check.problem()).contains("did not answer within 300 ms");
    }

    @Test
    @DisplayName("while the most checks allowed are running, one more is refused at once rather than queued")
    void boundedConcurrency() throws InterruptedException {
        claims.claimed(DOMAIN, ACME, TOKEN, claims.now);
        verification = verification(Duration.ofSeconds(30), 1, this::hang);
        CompletableFuture<DomainOwnershipCheck> first =
                CompletableFuture.supplyAsync(() -> verification.check(ACME, DOMAIN));
        assertThat(entered.await(5, TimeUnit.SECONDS))
                .as("the first check started")
                .isTrue();

        long started = System.nanoTime();
        DomainOwnershipCheck second = verification.check(ACME, DOMAIN);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(second.tokenServed()).isFalse();
        assertThat(second.problem()).contains("too many domain verifications");
        released.countDown();
        assertThat(first.join().tokenServed()).isTrue();
    }

    @Test
    @DisplayName("refuses to run inside a transaction, which it would hold for as long as the domain takes")
    void neverInsideATransaction() {
        claims.claimed(DOMAIN, ACME, TOKEN, claims.now);
        verification =
                verification(Duration.ofSeconds(2), 2, (domain, token) -> DomainOwnershipVerifier.Outcome.success());
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThatThrownBy(() -> verification.check(ACME, DOMAIN)).isInstanceOf(IllegalStateException.class);
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
    }

    private DomainOwnershipVerifier.Outcome hang(String domain, String token) {
        asked.add(domain);
        entered.countDown();
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DomainOwnershipVerifier.Outcome.success();
    }

    private DomainVerification verification(Duration limit, int concurrent, DomainOwnershipVerifier verifier) {
        DomainSettings settings = new DomainSettings();
        settings.setVerificationTimeout(limit);
        settings.setMaxConcurrentVerifications(concurrent);
        return new DomainVerification(claims, verifier, settings);
    }
}
