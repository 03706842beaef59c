package dev.tenantcore.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.IntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A revocation lasts as long as the token it refuses can still pass validation. */
@IntegrationTest
@DisplayName("Revoked sessions")
class RevokedSessionsTest {

    @Autowired
    RevokedSessions revoked;

    @Test
    @DisplayName("a revocation whose tokens expired moments ago still refuses them within the validator's clock skew")
    void revocationOutlivesExpiryByTheClockSkew() {
        UUID session = UUID.randomUUID();
        Instant expiredMomentsAgo = Instant.now().minus(SigningKeys.CLOCK_SKEW.dividedBy(2));

        revoked.revoke(session, expiredMomentsAgo);
        revoked.reload();

        assertThat(revoked.isRevoked(session))
                .as("a token expired %s ago still passes the timestamp validator", SigningKeys.CLOCK_SKEW.dividedBy(2))
                .isTrue();
    }
}
