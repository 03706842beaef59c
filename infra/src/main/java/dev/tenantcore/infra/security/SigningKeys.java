package dev.tenantcore.infra.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.credentials.PlatformSecrets;
import jakarta.validation.constraints.NotNull;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign access tokens, kept in the database so every node signs and verifies with
 * the same keys and a restart invalidates no token. Private keys are stored sealed by the credential
 * store's key ring ({@link PlatformSecrets}); one stored in clear by an earlier version, or under a
 * ring key no longer active, is sealed again at start.
 *
 * <p>The key no rotation has retired signs. A rotation adds a new key and gives the keys it replaces a
 * retirement time: the longest a token they signed can still be accepted (access-token lifetime,
 * plus the validator's clock skew, plus the refresh below, during which another node may still sign
 * with the old key). Until then they stay in the JWK set and verify; from then on they do neither.
 *
 * <p>Each node caches the keys and reads them again every {@code app.security.signing-keys.refresh},
 * so a rotation on one node signs on every node within that time; a token whose kid a node does not
 * know yet makes it read the keys at once (at most once a second, so forged kids cannot flood the
 * database).
 */
@Component
public class SigningKeys implements SmartInitializingSingleton {

    /**
     * The leeway of the token timestamp validator: a token still passes this long after its
     * {@code exp}, so a retiring key, a revocation and a session must all outlast it.
     */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    static final String SECRET_SCOPE = "security.signing-keys";

    private static final Duration UNKNOWN_KID_RELOAD = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PlatformSecrets secrets;
    private final SecurityProperties tokens;
    private final SigningKeyProperties settings;
    private final Clock clock;
    private volatile Loaded loaded;
    private final AtomicReference<Instant> lastUnknownKidReload = new AtomicReference<>();

    /** A published key: it verifies until {@code retiresAt} (none: the key is current). */
    record StoredKey(RSAKey jwk, Instant createdAt, Instant retiresAt) {
        boolean publishedAt(Instant instant) {
            return retiresAt == null || instant.isBefore(retiresAt);
        }
    }

    private record Loaded(List<StoredKey> keys, Instant at) {}

    /** What a rotation did: the key that signs from now on, and the keys it retires, with when. */
    public record SigningKeyRotation(
            @NotNull String kid, @NotNull Instant createdAt, List<RetiringKey> retiring) {}

    public record RetiringKey(@NotNull String kid, @NotNull Instant retiresAt) {}

    SigningKeys(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            PlatformSecrets secrets,
            SecurityProperties tokens,
            SigningKeyProperties settings,
            ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.secrets = secrets;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** At start, before any token is signed: no private key stays in clear, and one key exists. */
    @Override
    public void afterSingletonsInstantiated() {
        deleteRetiredKeys();
        sealStoredKeys();
        tx.executeWithoutResult(status -> {
            lock();
            Instant now = clock.instant();
            Integer published = jdbc.queryForObject(
                    "SELECT count(*) FROM signing_keys WHERE retired_at IS NULL OR retired_at > ?",
                    Integer.class,
                    Timestamp.from(now));
            if (published == null || published == 0) {
                insertNewKey(now, null);
            }
        });
        reload();
    }

    public RSAKey signingKey() {
        List<StoredKey> current = current();
        if (current.isEmpty()) {
            throw new IllegalStateException("no signing key is published");
        }
        return current.get(0).jwk();
    }

    /** The published keys with their private parts, for the token encoder to pick by kid. */
    JWKSet privateKeys() {
        List<JWK> keys = new ArrayList<>();
        current().forEach(k -> keys.add(k.jwk()));
        return new JWKSet(keys);
    }

    public JWKSet publicKeys() {
        List<JWK> publicKeys = new ArrayList<>();
        current().forEach(k -> publicKeys.add(k.jwk().toPublicJWK()));
        return new JWKSet(publicKeys);
    }

    /** Whether a token signed with {@code kid} may still be accepted: its key is published now. */
    boolean publishes(String kid) {
        return kid != null
                && current().stream().anyMatch(key -> kid.equals(key.jwk().getKeyID()));
    }

    /** The keys a token may be verified with: the published ones, read again when a kid is unknown. */
    JWKSource<SecurityContext> verificationKeys() {
        return (selector, context) -> {
            List<JWK> found = selector.select(publicKeys());
            if (found.isEmpty() && mayReloadForUnknownKid()) {
                reload();
                found = selector.select(publicKeys());
            }
            return found;
        };
    }

    /** The first unknown kid reads the keys at once (a rotation elsewhere); then at most once a second. */
    private boolean mayReloadForUnknownKid() {
        Instant now = clock.instant();
        Instant last = lastUnknownKidReload.get();
        return (last == null || !now.isBefore(last.plus(UNKNOWN_KID_RELOAD)))
                && lastUnknownKidReload.compareAndSet(last, now);
    }

    /**
     * A new key signs from now on; the keys it replaces verify until every token they signed has
     * expired. Concurrent rotations (on any node) run one after the other.
     */
    public SigningKeyRotation rotate(UserId by) {
        SigningKeyRotation rotation = tx.execute(status -> {
            lock();
            Instant now = clock.instant();
            Instant retiresAt =
                    now.plus(tokens.accessTokenTtl()).plus(CLOCK_SKEW).plus(settings.refresh());
            // Keys already retiring keep their earlier time: tokens they signed expire no later.
            List<String> retired = jdbc.queryForList(
                    "UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL RETURNING kid",
                    String.class,
                    Timestamp.from(retiresAt));
            String kid = insertNewKey(now, by);
            deleteRetiredKeys();
            return new SigningKeyRotation(
                    kid,
                    now,
                    retired.stream().map(k -> new RetiringKey(k, retiresAt)).toList());
        });
        reload();
        log.info(
                "Signing key rotated by {}: {} signs from now on; {} retire at {}",
                by.value(),
                rotation.kid(),
                rotation.retiring().stream().map(RetiringKey::kid).toList(),
                rotation.retiring().isEmpty() ? "-" : rotation.retiring().get(0).retiresAt());
        return rotation;
    }

    /**
     * A retired key can verify nothing any more: its private part goes, rather than stay readable under
     * every future master key. Nodes that still cache it no longer publish it either.
     */
    private void deleteRetiredKeys() {
        int deleted = jdbc.update("DELETE FROM signing_keys WHERE retired_at <= ?", Timestamp.from(clock.instant()));
        if (deleted > 0) {
            log.info("Deleted {} retired signing keys", deleted);
        }
    }

    /** Seals every private key stored in clear or under a ring key that is no longer active. */
    int sealStoredKeys() {
        String active = secrets.activeKeyId();
        record Row(String kid, byte[] privateKey, String sealedWith) {}
        List<Row> rows = jdbc.query(
                "SELECT kid, private_key, sealed_with FROM signing_keys WHERE sealed_with IS DISTINCT FROM ?",
                (rs, i) -> new Row(rs.getString("kid"), rs.getBytes("private_key"), rs.getString("sealed_with")),
                active);
        int sealed = 0;
        for (Row row : rows) {
            byte[] der = privateKeyDer(row.kid(), row.privateKey(), row.sealedWith());
            PlatformSecrets.Sealed again =
                    secrets.seal(SECRET_SCOPE, row.kid(), Base64.getEncoder().encodeToString(der));
            // Another node starting at the same time may have sealed it already: then this changes nothing.
            sealed += jdbc.update(
                    "UPDATE signing_keys SET private_key = ?, sealed_with = ? WHERE kid = ? AND sealed_with IS NOT DISTINCT FROM ?",
                    again.ciphertext(),
                    again.keyId(),
                    row.kid(),
                    row.sealedWith());
        }
        if (sealed > 0) {
            log.info("Sealed {} stored signing keys under credential key {}", sealed, active);
        }
        return sealed;
    }

    private List<StoredKey> current() {
        Loaded last = loaded;
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(settings.refresh()))) {
            last = refresh(last);
        }
        List<StoredKey> published = new ArrayList<>();
        for (StoredKey key : last.keys()) {
            if (key.publishedAt(now)) {
                published.add(key);
            }
        }
        return published;
    }

    /**
     * A failed refresh keeps the keys this node has, for one more interval, rather than refuse every
     * token: the database may be away for a moment, or another node already sealed the keys under a
     * new master key this node does not have yet (it is being restarted with it).
     */
    private Loaded refresh(Loaded last) {
        try {
            return reload();
        } catch (RuntimeException e) {
            if (last == null) {
                throw e;
            }
            log.warn("Cannot read the signing keys again; keeping the ones loaded at {}", last.at(), e);
            Loaded kept = new Loaded(last.keys(), clock.instant());
            loaded = kept;
            return kept;
        }
    }

    private synchronized Loaded reload() {
        Instant now = clock.instant();
        List<StoredKey> keys = jdbc.query(
                "SELECT kid, public_key, private_key, sealed_with, created_at, retired_at FROM signing_keys"
                        + " WHERE retired_at IS NULL OR retired_at > ?"
                        // The key no rotation has retired signs, even if an older one has the same time.
                        + " ORDER BY retired_at IS NULL DESC, created_at DESC, kid",
                (rs, i) -> stored(rs),
                Timestamp.from(now));
        Loaded fresh = new Loaded(List.copyOf(keys), now);
        loaded = fresh;
        return fresh;
    }

    private StoredKey stored(ResultSet rs) throws SQLException {
        String kid = rs.getString("kid");
        Timestamp retiredAt = rs.getTimestamp("retired_at");
        return new StoredKey(
                toJwk(
                        kid,
                        rs.getBytes("public_key"),
                        privateKeyDer(kid, rs.getBytes("private_key"), rs.getString("sealed_with"))),
                rs.getTimestamp("created_at").toInstant(),
                retiredAt == null ? null : retiredAt.toInstant());
    }

    /** A key without {@code sealed_with} was written in clear by an earlier version (sealed at the next start). */
    private byte[] privateKeyDer(String kid, byte[] stored, String sealedWith) {
        if (sealedWith == null) {
            return stored;
        }
        return Base64.getDecoder()
                .decode(secrets.open(SECRET_SCOPE, kid, new PlatformSecrets.Sealed(sealedWith, stored)));
    }

    private String insertNewKey(Instant now, UserId by) {
        KeyPair pair = generate();
        String kid = UUID.randomUUID().toString();
        PlatformSecrets.Sealed sealed = secrets.seal(
                SECRET_SCOPE,
                kid,
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        jdbc.update(
                "INSERT INTO signing_keys (kid, algorithm, public_key, private_key, sealed_with, created_at, rotated_by)"
                        + " VALUES (?, 'RS256', ?, ?, ?, ?, ?)",
                kid,
                pair.getPublic().getEncoded(),
                sealed.ciphertext(),
                sealed.keyId(),
                Timestamp.from(now),
                by == null ? null : by.value());
        return kid;
    }

    /** One rotation or first key at a time, across nodes. */
    private void lock() {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('signing_keys'))", Object.class);
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
