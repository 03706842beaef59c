package dev.tenantcore.infra.audit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.tenantcore.infra.credentials.PlatformSecrets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's keys that sign hash-chain checkpoints (ES256), apart from the token signing keys:
 * those are retired and deleted within minutes of a rotation, while a checkpoint must verify for as
 * long as an auditor keeps it. So every checkpoint key stays published, for ever, in
 * {@code /.well-known/audit-keys.json}; the newest signs. Private parts are sealed by the credential
 * store's key ring, like the token signing keys; one sealed under a ring key that is no longer the
 * active one is sealed again at start.
 */
@Component
public class CheckpointKeys implements SmartInitializingSingleton {

    static final String SECRET_SCOPE = "audit.checkpoint-keys";

    private static final Logger log = LoggerFactory.getLogger(CheckpointKeys.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PlatformSecrets secrets;
    private final Clock clock;

    CheckpointKeys(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            PlatformSecrets secrets,
            ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.secrets = secrets;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** At start: one key exists, and none is sealed under a ring key that is no longer active. */
    @Override
    public void afterSingletonsInstantiated() {
        tx.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('audit_checkpoint_keys'))", Object.class);
            Integer keys = jdbc.queryForObject("SELECT count(*) FROM audit_checkpoint_keys", Integer.class);
            if (keys == null || keys == 0) {
                insertNewKey();
            }
            sealAgain();
        });
    }

    /** The key that signs new checkpoints, with its private part. */
    public ECKey signingKey() {
        return tx.execute(status -> jdbc
                .query(
                        "SELECT kid, public_key, private_key, sealed_with FROM audit_checkpoint_keys"
                                + " WHERE retired_at IS NULL ORDER BY created_at DESC, kid LIMIT 1",
                        (rs, i) -> toJwk(
                                rs.getString(1),
                                rs.getBytes(2),
                                open(rs.getString(1), rs.getBytes(3), rs.getString(4))))
                .stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no checkpoint signing key")));
    }

    /** Every checkpoint key there ever was, public parts only: each checkpoint verifies with its kid. */
    public JWKSet publicKeys() {
        List<JWK> keys = new ArrayList<>();
        jdbc.query("SELECT kid, public_key FROM audit_checkpoint_keys ORDER BY created_at, kid", rs -> {
            keys.add(toJwk(rs.getString(1), rs.getBytes(2), null));
        });
        return new JWKSet(keys);
    }

    /** A new key signs from now on; the ones before it stay published so their checkpoints still verify. */
    public String rotate() {
        return tx.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('audit_checkpoint_keys'))", Object.class);
            jdbc.update(
                    "UPDATE audit_checkpoint_keys SET retired_at = ? WHERE retired_at IS NULL",
                    Timestamp.from(clock.instant()));
            return insertNewKey();
        });
    }

    private String insertNewKey() {
        String kid = UUID.randomUUID().toString();
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        byte[] publicKey;
        byte[] privateKey;
        try {
            publicKey = key.toECPublicKey().getEncoded();
            privateKey = key.toECPrivateKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        PlatformSecrets.Sealed sealed =
                secrets.seal(SECRET_SCOPE, kid, Base64.getEncoder().encodeToString(privateKey));
        jdbc.update(
                "INSERT INTO audit_checkpoint_keys (kid, algorithm, public_key, private_key, sealed_with, created_at)"
                        + " VALUES (?, 'ES256', ?, ?, ?, ?)",
                kid,
                publicKey,
                sealed.ciphertext(),
                sealed.keyId(),
                Timestamp.from(clock.instant()));
        log.info("New hash-chain checkpoint key {}", kid);
        return kid;
    }

    private void sealAgain() {
        String active = secrets.activeKeyId();
        record Row(String kid, byte[] privateKey, String sealedWith) {}
        List<Row> rows = jdbc.query(
                "SELECT kid, private_key, sealed_with FROM audit_checkpoint_keys WHERE sealed_with <> ?",
                (rs, i) -> new Row(rs.getString(1), rs.getBytes(2), rs.getString(3)),
                active);
        for (Row row : rows) {
            byte[] der = open(row.kid(), row.privateKey(), row.sealedWith());
            PlatformSecrets.Sealed again =
                    secrets.seal(SECRET_SCOPE, row.kid(), Base64.getEncoder().encodeToString(der));
            jdbc.update(
                    "UPDATE audit_checkpoint_keys SET private_key = ?, sealed_with = ? WHERE kid = ?",
                    again.ciphertext(),
                    again.keyId(),
                    row.kid());
        }
    }

    private byte[] open(String kid, byte[] sealed, String sealedWith) {
        return Base64.getDecoder()
                .decode(secrets.open(SECRET_SCOPE, kid, new PlatformSecrets.Sealed(sealedWith, sealed)));
    }

    private static ECKey toJwk(String kid, byte[] publicKey, byte[] privateKey) {
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            ECKey.Builder builder = new ECKey.Builder(
                            Curve.P_256, (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(publicKey)))
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256);
            if (privateKey != null) {
                builder.privateKey((ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
            }
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored checkpoint key " + kid + " cannot be read", e);
        }
    }
}
