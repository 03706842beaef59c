package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.security.Credentials;
import dev.tenantcore.infra.security.SignIn;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A shopper creates a customer account on a tenant's storefront and is signed in at once: the
 * answer carries the same tokens as a login. The tenant comes from the domain; the same email may
 * register on several tenants, each a separate account.
 */
@RestController
class CustomerRegistrationController {

    private final CommandGateway commands;
    private final CommandResponses responses;
    private final PasswordEncoder passwords;
    private final SignIn signIn;
    private final TransactionTemplate tx;

    CustomerRegistrationController(
            CommandGateway commands,
            CommandResponses responses,
            PasswordEncoder passwords,
            SignIn signIn,
            PlatformTransactionManager transactionManager) {
        this.commands = commands;
        this.responses = responses;
        this.passwords = passwords;
        this.signIn = signIn;
        this.tx = new TransactionTemplate(transactionManager);
    }

    record RegistrationRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 8, max = 200) String password,
            @NotBlank @Size(max = 200) String displayName) {}

    @PostMapping("/api/v1/auth/register")
    @ProblemResponses(503)
    ResponseEntity<SignIn.Tokens> register(@Valid @RequestBody RegistrationRequest body, HttpServletRequest http) {
        // The edge already refuses tenant-less registration; this keeps the platform scope out regardless.
        TenantId tenant = TenantContext.requireTenant("No tenant is registered for this domain.");
        UserId id = UserId.random();
        String hash = passwords.encode(body.password());
        commands.sendAndWait(new RegisterUserCommand(id, body.email(), hash, body.displayName(), Role.CUSTOMER));
        // The new customer's next call may well be their account, which the read model answers.
        responses.awaitVersion(new FindUserQuery(id), UserResponse.class, UserResponse::version, 0L);
        Credentials account = new Credentials(
                id,
                tenant,
                body.email().strip().toLowerCase(Locale.ROOT),
                body.displayName(),
                hash,
                Role.CUSTOMER,
                true);
        SignIn.Tokens tokens = tx.execute(status -> signIn.open(account, http));
        return ResponseEntity.created(URI.create("/api/v1/account"))
                .cacheControl(CacheControl.noStore())
                .body(tokens);
    }
}
