package dev.tenantcore.infra.credentials;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After the active credential key changes, every stored value moves onto it, so the old key can
 * leave the ring. Each tenant is swept in a transaction of its own, under its own row-level
 * security. Tenants come from the tenant directory, reloaded first; one registered during the sweep
 * may be missed, and a second run moves what is left (it changes nothing otherwise). Public so the
 * platform administration endpoint on the command side can start it; the key ring and the store
 * stay private to this package.
 */
@Component
public class CredentialReEncryption {

    private static final Logger log = LoggerFactory.getLogger(CredentialReEncryption.class);

    private final JdbcTenantCredentials credentials;
    private final JdbcSubjectKeys subjectKeys;
    private final CredentialKeys keys;
    private final TenantDirectory tenants;

    CredentialReEncryption(
            JdbcTenantCredentials credentials,
            JdbcSubjectKeys subjectKeys,
            CredentialKeys keys,
            TenantDirectory tenants) {
        this.credentials = credentials;
        this.subjectKeys = subjectKeys;
        this.keys = keys;
        this.tenants = tenants;
    }

    /** What a sweep did: the key every value now stands under, tenants swept, values moved. */
    public record ReEncryption(String activeKey, int tenants, int reEncrypted) {}

    public ReEncryption sweep() {
        tenants.reload();
        int swept = 0;
        int moved = 0;
        for (TenantId tenant : tenants.tenantIds()) {
            try (var scope = TenantContext.enter(tenant, null)) {
                // One transaction per tenant: a failure leaves the tenants already swept done.
                moved += credentials.reEncrypt();
                // The data subjects' keys too (personal data in events): sealed by the same ring.
                moved += subjectKeys.reEncrypt();
            }
            swept++;
        }
        String active = keys.cipher().activeKeyId();
        log.info("re-encrypted {} credentials of {} tenants under key {}", moved, swept, active);
        return new ReEncryption(active, swept, moved);
    }
}
