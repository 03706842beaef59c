package dev.tenantcore.infra.credentials;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.audit.TenantSnapshots;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link SubjectKeys} in {@code subject_keys} (migration {@code V49}), under forced row-level
 * security, each key sealed by the credential key ring as tenants' credentials are.
 *
 * <p>Keys are created and shredded in the caller's transaction, which has the tenant set. They are
 * read (to decrypt) on a connection of their own, in a transaction that sets the tenant the
 * ciphertext names: an event is deserialized wherever Axon needs it (a processor's batch holds
 * several tenants' events, and may not have set the event's tenant yet), so the caller's transaction
 * cannot be trusted to have the right one. Keys read are cached for {@code
 * tenantcore.erasure.key-cache-ttl} (default one minute), so after an erasure another node may still
 * decrypt the subject's fields for that long; this node forgets the key at once.
 */
@Component
class JdbcSubjectKeys implements SubjectKeys {

    private static final String SCOPE = "subject-key";
    private static final String SET_TENANT = "SELECT set_config('app.tenant_id', ?, true)";
    private static final int KEY_BYTES = 32;
    private static final int MAX_CACHED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object CREATED = new Object();

    private record Key(TenantId tenant, DataSubject subject, String id) {
        String name() {
            return subject.wireName() + "." + id;
        }
    }

    private record Cached(SecretKey key, long until) {}

    private final JdbcTemplate jdbc;
    private final TenantSnapshots snapshots;
    private final DataSource dataSource;
    private final CredentialKeys ring;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    JdbcSubjectKeys(
            JdbcTemplate jdbc,
            TenantSnapshots snapshots,
            DataSource dataSource,
            CredentialKeys ring,
            @Value("${tenantcore.erasure.key-cache-ttl:PT1M}") Duration ttl) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.dataSource = dataSource;
        this.ring = ring;
        this.clock = Clock.systemUTC();
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public SecretKey keyFor(TenantId tenant, DataSubject subject, String subjectId) {
        Key key = new Key(tenant, subject, subjectId);
        SecretKey known = cached(key);
        if (known == null) {
            known = createdHere().get(key);
        }
        if (known != null) {
            return known;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Outside a transaction nothing is appended to the event store: an event written again
            // elsewhere was stored encrypted, so its key exists already.
            return find(tenant, subject, subjectId)
                    .orElseThrow(() -> new IllegalStateException(
                            "no key for " + key.name() + " and no transaction of its tenant to create one in"));
        }
        List<SecretKey> stored = jdbc.query(
                "SELECT key_id, ciphertext FROM subject_keys WHERE subject_type = ? AND subject_id = ?",
                (rs, i) -> open(key, rs),
                subject.wireName(),
                subjectId);
        if (!stored.isEmpty()) {
            remember(key, stored.get(0));
            return stored.get(0);
        }
        SecretKey fresh = new SecretKeySpec(randomBytes(), "AES");
        CredentialCipher.Sealed sealed = ring.cipher()
                .seal(tenant, SCOPE, key.name(), Base64.getEncoder().encodeToString(fresh.getEncoded()));
        int inserted = jdbc.update(
                "INSERT INTO subject_keys (tenant_id, subject_type, subject_id, key_id, ciphertext)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                tenant.value(),
                subject.wireName(),
                subjectId,
                sealed.keyId(),
                sealed.ciphertext());
        if (inserted == 0) {
            // Another transaction made it first (and has committed: ON CONFLICT waited for it).
            return jdbc.query(
                            "SELECT key_id, ciphertext FROM subject_keys WHERE subject_type = ? AND subject_id = ?",
                            (rs, i) -> open(key, rs),
                            subject.wireName(),
                            subjectId)
                    .get(0);
        }
        createdHere().put(key, fresh);
        // Cached only once it is committed: a key of a rolled-back transaction must not encrypt later events.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember(key, fresh);
                }
            });
        }
        return fresh;
    }

    @Override
    public Optional<SecretKey> find(TenantId tenant, DataSubject subject, String subjectId) {
        Key key = new Key(tenant, subject, subjectId);
        SecretKey known = cached(key);
        if (known == null && TransactionSynchronizationManager.isActualTransactionActive()) {
            known = createdHere().get(key);
        }
        if (known != null) {
            return Optional.of(known);
        }
        try (Connection con = dataSource.getConnection()) {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try (PreparedStatement tenantSetting = con.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
                    PreparedStatement select = con.prepareStatement(
                            "SELECT key_id, ciphertext FROM subject_keys WHERE subject_type = ? AND subject_id = ?")) {
                tenantSetting.setString(1, tenant.value().toString());
                tenantSetting.execute();
                select.setString(1, subject.wireName());
                select.setString(2, subjectId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    SecretKey found = open(key, rs);
                    remember(key, found);
                    return Optional.of(found);
                }
            } finally {
                con.rollback();
                con.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the key of " + key.name(), e);
        }
    }

    @Override
    public boolean shred(DataSubject subject, String subjectId) {
        TenantId tenant = TenantContext.requireTenant("A data subject belongs to a tenant.");
        Key key = new Key(tenant, subject, subjectId);
        cache.remove(key);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            createdHere().remove(key);
        }
        int deleted = jdbc.update(
                "DELETE FROM subject_keys WHERE subject_type = ? AND subject_id = ?", subject.wireName(), subjectId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.remove(key);
                }
            });
        }
        return deleted > 0;
    }

    @Override
    public int shredTenant(TenantId tenant) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a tenant's keys are shredded in the transaction that records it");
        }
        String previous = jdbc.queryForObject("SELECT current_setting('app.tenant_id', true)", String.class);
        int deleted;
        try {
            jdbc.queryForObject(SET_TENANT, String.class, tenant.value().toString());
            deleted = jdbc.update("DELETE FROM subject_keys");
            snapshots.dropAll();
        } finally {
            jdbc.queryForObject(SET_TENANT, String.class, previous == null ? "" : previous);
        }
        cache.keySet().removeIf(key -> key.tenant().equals(tenant));
        createdHere().keySet().removeIf(key -> key.tenant().equals(tenant));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.keySet().removeIf(key -> key.tenant().equals(tenant));
                }
            });
        }
        return deleted;
    }

    /**
     * Seals the current tenant's subject keys that another ring key sealed under the active one, in
     * one transaction, as the credentials' re-encryption does; answers how many it moved.
     */
    @Transactional
    public int reEncrypt() {
        TenantId tenant = TenantContext.requireTenant("Subject keys belong to a tenant.");
        CredentialCipher cipher = ring.cipher();
        record Row(String type, String id, String keyId, byte[] ciphertext) {}
        var stale = jdbc.query(
                "SELECT subject_type, subject_id, key_id, ciphertext FROM subject_keys WHERE key_id <> ? FOR UPDATE",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)),
                cipher.activeKeyId());
        for (Row row : stale) {
            String name = row.type() + "." + row.id();
            String plain = cipher.open(tenant, SCOPE, name, new CredentialCipher.Sealed(row.keyId(), row.ciphertext()));
            CredentialCipher.Sealed sealed = cipher.seal(tenant, SCOPE, name, plain);
            jdbc.update(
                    "UPDATE subject_keys SET key_id = ?, ciphertext = ? WHERE subject_type = ? AND subject_id = ?",
                    sealed.keyId(),
                    sealed.ciphertext(),
                    row.type(),
                    row.id());
        }
        return stale.size();
    }

    private SecretKey open(Key key, ResultSet rs) throws SQLException {
        String plain = ring.cipher()
                .open(key.tenant(), SCOPE, key.name(), new CredentialCipher.Sealed(rs.getString(1), rs.getBytes(2)));
        return new SecretKeySpec(Base64.getDecoder().decode(plain), "AES");
    }

    private SecretKey cached(Key key) {
        Cached hit = cache.get(key);
        if (hit == null) {
            return null;
        }
        if (hit.until() < clock.millis()) {
            cache.remove(key, hit);
            return null;
        }
        return hit.key();
    }

    private void remember(Key key, SecretKey secret) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(secret, clock.millis() + ttlMillis));
    }

    /** Keys created by the current transaction, not yet committed: its later events use them too. */
    @SuppressWarnings("unchecked")
    private static Map<Key, SecretKey> createdHere() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return new HashMap<>();
        }
        Object bound = TransactionSynchronizationManager.getResource(CREATED);
        if (bound == null) {
            Map<Key, SecretKey> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(CREATED, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CREATED);
                }
            });
            return created;
        }
        return (Map<Key, SecretKey>) bound;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
