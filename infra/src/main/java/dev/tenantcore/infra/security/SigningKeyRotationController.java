package dev.tenantcore.infra.security;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform operator rotates the token signing key: the new key signs at once, and the old one
 * keeps verifying the tokens it signed until they have expired.
 */
@RestController
class SigningKeyRotationController {

    private final SigningKeys keys;

    SigningKeyRotationController(SigningKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/api/v1/platform/signing-keys/rotations")
    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    public SigningKeys.SigningKeyRotation rotate() {
        return keys.rotate(CurrentUser.id());
    }
}
