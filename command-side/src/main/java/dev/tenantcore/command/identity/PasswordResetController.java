package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forgotten passwords, on a tenant's domain: ask for a reset token by email, then set a new
 * password with it. The token names its account, which is reached only through the request's
 * tenant, so a token works on its own tenant's domain alone.
 */
@RestController
class PasswordResetController {

    private static final Accepted ACCEPTED =
            new Accepted("If the email belongs to an account here, a reset link is on its way.");

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {}

    record ConfirmRequest(
            @NotBlank @Size(max = 200) String token,
            @NotBlank @Size(min = 8, max = 200) String newPassword) {}

    record Accepted(String detail) {}

    /** Always the same answer, whether or not the email belongs to an account. */
    @PostMapping("/api/v1/auth/password-reset")
    ResponseEntity<Accepted> request(@Valid @RequestBody ResetRequest body) {
        resets.requestFor(requestTenant(), body.email());
        return ResponseEntity.accepted().body(ACCEPTED);
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    @ProblemResponses(503)
    ResponseEntity<Void> confirm(@Valid @RequestBody ConfirmRequest body) {
        requestTenant();
        resets.confirm(body.token(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    /** The edge already refuses these paths without a tenant; platform administrators have no reset by email. */
    private static TenantId requestTenant() {
        return TenantContext.requireTenant("No tenant is registered for this domain.");
    }
}
