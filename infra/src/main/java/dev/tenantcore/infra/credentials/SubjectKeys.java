package dev.tenantcore.infra.credentials;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.TenantId;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * One AES-256 key per data subject of a tenant, which encrypts that subject's personal data in the
 * event store. Deleting it (crypto-shredding) leaves every copy of the data unreadable.
 */
public interface SubjectKeys {

    /**
     * The subject's key, created on first use in the current transaction (the one that appends the
     * events it encrypts), so an event is never stored under a key that was not.
     */
    SecretKey keyFor(TenantId tenant, DataSubject subject, String subjectId);

    /** The subject's key if it exists: empty when it was shredded (or never made). */
    Optional<SecretKey> find(TenantId tenant, DataSubject subject, String subjectId);

    /** Deletes the subject's key in the current transaction; false when there was none. */
    boolean shred(DataSubject subject, String subjectId);

    /**
     * Deletes every subject key of {@code tenant} (a closed tenant, erased as a whole) and the
     * snapshots of its aggregates (they hold state in clear), in the current transaction, whichever
     * tenant it works for: the statements run for {@code tenant}, then the transaction works for its
     * own tenant again. Answers how many keys were deleted.
     */
    int shredTenant(TenantId tenant);
}
