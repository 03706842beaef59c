package dev.tenantcore.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTest {

    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final Set<String> publishedKids = new HashSet<>(Set.of("k1"));
    private final AtomicBoolean sessionRevoked = new AtomicBoolean();

    /** Stands in for the Nimbus decoder: "good.<kid>" tokens carry a valid signature, others not. */
    private final JwtDecoder signatures = token -> {
        signatureChecks.incrementAndGet();
        String[] parts = token.split("\\.");
        if (!parts[0].equals("good") || !publishedKids.contains(parts[1])) {
            throw new BadJwtException("Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .header("kid", parts[1])
                .subject("user-1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(900))
                .build();
    };

    private final VerifiedTokens tokens = new VerifiedTokens(
            signatures,
            jwt -> sessionRevoked.get()
                    ? OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "The session has ended.", null))
                    : OAuth2TokenValidatorResult.success(),
            publishedKids::contains,
            Duration.ofMinutes(16));

    @Test
    @DisplayName("a token's signature is checked once, however often it is used")
    void signatureCheckedOnce() {
        Jwt first = tokens.decode("good.k1.sig");
        Jwt again = tokens.decode("good.k1.sig");
        assertThat(again.getSubject()).isEqualTo(first.getSubject()).isEqualTo("user-1");
        assertThat(signatureChecks).hasValue(1);
        tokens.decode("good.k1.other-sig");
        assertThat(signatureChecks).as("another text is another token").hasValue(2);
    }

    @Test
    @DisplayName("a token whose signature fails is refused every time and never remembered")
    void badSignatureNeverRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged.k1.sig")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged.k1.sig")).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    @DisplayName("what can change between two uses is validated on every use: a revoked session fails at once")
    void validatedEveryTime() {
        tokens.decode("good.k1.sig");
        sessionRevoked.set(true);
        assertThatThrownBy(() -> tokens.decode("good.k1.sig"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("The session has ended.");
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    @DisplayName("once a token's key is retired the token is checked again, and refused")
    void retiredKeyChecksAgain() {
        tokens.decode("good.k1.sig");
        publishedKids.remove("k1");
        assertThatThrownBy(() -> tokens.decode("good.k1.sig")).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(2);
        publishedKids.add("k1");
        tokens.decode("good.k1.sig");
        assertThat(signatureChecks).as("the refused token was not remembered").hasValue(3);
    }
}
