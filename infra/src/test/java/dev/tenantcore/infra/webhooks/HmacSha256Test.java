package dev.tenantcore.infra.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HMAC-SHA256 signatures")
class HmacSha256Test {

    @Test
    @DisplayName("signs as RFC 4231 test case 2 says")
    void knownAnswer() {
        assertThat(HmacSha256.signHex("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    @DisplayName("verifies its own signature in either case, and refuses another key, another body or non-hex")
    void verifies() {
        String signature = HmacSha256.signHex("secret", "{\"a\":1}");

        assertThat(HmacSha256.verifyHex("secret", "{\"a\":1}", signature)).isTrue();
        assertThat(HmacSha256.verifyHex("secret", "{\"a\":1}", signature.toUpperCase()))
                .isTrue();
        assertThat(HmacSha256.verifyHex("other", "{\"a\":1}", signature)).isFalse();
        assertThat(HmacSha256.verifyHex("secret", "{\"a\":2}", signature)).isFalse();
        assertThat(HmacSha256.verifyHex("secret", "{\"a\":1}", "not hex")).isFalse();
        assertThat(HmacSha256.verifyHex("secret", "{\"a\":1}", null)).isFalse();
        assertThat(HmacSha256.verifyHex(null, "{\"a\":1}", signature)).isFalse();
    }

    @Test
    @DisplayName(
            "a timestamp is fresh within the tolerance, stale before it, and refused from the future beyond the skew")
    void freshness() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        Duration fiveMinutes = Duration.ofMinutes(5);

        assertThat(HmacSha256.fresh(now.minusSeconds(299), now, fiveMinutes)).isTrue();
        assertThat(HmacSha256.fresh(now.minusSeconds(301), now, fiveMinutes)).isFalse();
        assertThat(HmacSha256.fresh(now.plusSeconds(301), now, fiveMinutes)).isFalse();
        assertThat(HmacSha256.fresh(now.minus(Duration.ofMinutes(60)), now, Duration.ofMinutes(65), fiveMinutes))
                .isTrue();
    }
}
