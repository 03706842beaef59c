package dev.tenantcore.infra.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Issues the short-lived access tokens that every authenticated request carries. */
@Component
public class TokenService {

    public static final String TENANT_CLAIM = "tid";
    public static final String ROLES_CLAIM = "roles";
    public static final String SESSION_CLAIM = "sid";

    private final SigningKeys keys;
    private final SecurityProperties properties;
    private final NimbusJwtEncoder encoder;

    TokenService(SigningKeys keys, SecurityProperties properties) {
        this.keys = keys;
        this.properties = properties;
        // Every published key, picked by the kid of the header: a refresh between naming the key and
        // signing with it cannot then leave the encoder without the key.
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(keys.privateKeys());
        this.encoder = new NimbusJwtEncoder(source);
    }

    public String accessToken(Credentials account, UUID sessionId) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                .subject(account.userId().toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .claim(TENANT_CLAIM, account.tenantId().toString())
                .claim(ROLES_CLAIM, List.of(account.role().wireName()))
                .claim(SESSION_CLAIM, sessionId.toString())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(keys.signingKey().getKeyID())
                .type("JWT")
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public Duration accessTokenTtl() {
        return properties.accessTokenTtl();
    }
}
