package dev.tenantcore.command.tenancy;

import dev.tenantcore.infra.credentials.CredentialReEncryption;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform operator's key rotation, beside the rest of the platform's tenant administration:
 * once a new credential key is active, this moves every tenant's stored values onto it.
 */
@RestController
class CredentialReEncryptionController {

    private final CredentialReEncryption reEncryption;

    CredentialReEncryptionController(CredentialReEncryption reEncryption) {
        this.reEncryption = reEncryption;
    }

    @PostMapping("/api/v1/platform/credentials/re-encryption")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    public CredentialReEncryption.ReEncryption reEncrypt() {
        return reEncryption.sweep();
    }
}
