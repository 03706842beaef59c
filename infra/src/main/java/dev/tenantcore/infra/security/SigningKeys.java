package dev.tenantcore.infra.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The RSA keys that sign access tokens. Generated at first start and kept in the database, so
 * every node signs and verifies with the same keys and a restart invalidates no token. The newest
 * key signs; all keys not retired verify and are published as the JWK set.
 */
@Component
public class SigningKeys {

    private final JdbcTemplate jdbc;
    private volatile List<RSAKey> keys;

    SigningKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public RSAKey signingKey() {
        return loaded().get(0);
    }

    public JWKSet publicKeys() {
        List<JWK> publicKeys = new ArrayList<>();
        loaded().forEach(k -> publicKeys.add(k.toPublicJWK()));
        return new JWKSet(publicKeys);
    }

    private List<RSAKey> loaded() {
        List<RSAKey> current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = loadOrCreate();
                }
                current = keys;
            }
        }
        return current;
    }

    private List<RSAKey> loadOrCreate() {
        List<RSAKey> found = read();
        if (found.isEmpty()) {
            KeyPair pair = generate();
            jdbc.update(
                    "INSERT INTO signing_keys (kid, algorithm, public_key, private_key) VALUES (?, 'RS256', ?, ?)",
                    UUID.randomUUID().toString(),
                    pair.getPublic().getEncoded(),
                    pair.getPrivate().getEncoded());
            found = read();
        }
        return List.copyOf(found);
    }

    private List<RSAKey> read() {
        return jdbc.query(
                "SELECT kid, public_key, private_key FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid",
                (rs, i) -> toJwk(rs.getString("kid"), rs.getBytes("public_key"), rs.getBytes("private_key")));
    }

    private static RSAKey toJwk(String kid, byte[] publicKey, byte[] privateKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(publicKey)))
                    .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key " + kid + " cannot be read", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
