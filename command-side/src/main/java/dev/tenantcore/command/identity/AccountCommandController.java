package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.ChangeUserPasswordCommand;
import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.UpdateUserProfileCommand;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.infra.security.Credentials;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.security.UserCredentials;
import dev.tenantcore.infra.security.UserSessions;
import dev.tenantcore.infra.web.CommandEndpoint;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Every signed-in user changes their own profile and password here; the account is always the caller's. */
@RestController
class AccountCommandController {

    private final CommandGateway commands;
    private final CommandResource<UserId, UserResponse> account;
    private final PasswordEncoder passwords;
    private final UserCredentials accounts;
    private final UserSessions sessions;
    private final TransactionTemplate tx;

    AccountCommandController(
            CommandGateway commands,
            CommandResponses responses,
            PasswordEncoder passwords,
            UserCredentials accounts,
            UserSessions sessions,
            PlatformTransactionManager transactionManager) {
        this.commands = commands;
        this.account =
                responses.resource("/api/v1/account", FindUserQuery::new, UserResponse.class, UserResponse::version);
        this.passwords = passwords;
        this.accounts = accounts;
        this.sessions = sessions;
        this.tx = new TransactionTemplate(transactionManager);
    }

    record ProfileRequest(@NotBlank @Size(max = 200) String displayName) {}

    record PasswordChangeRequest(
            @NotBlank @Size(max = 200) String currentPassword,
            @NotBlank @Size(min = 8, max = 200) String newPassword) {}

    @CommandEndpoint(representation = UserResponse.class)
    @PatchMapping("/api/v1/account")
    ResponseEntity<Object> updateProfile(@Valid @RequestBody ProfileRequest body, CommandHeaders headers) {
        return account.transition(
                CurrentUser.id(),
                headers,
                (user, expected) -> new UpdateUserProfileCommand(user, body.displayName(), expected));
    }

    /**
     * Changes the password and signs the account out everywhere but here, in one transaction: the
     * command joins the transaction opened around it, as it runs on this thread.
     *
     * <p>The current password is checked first, against the account's sign-in record and outside
     * any transaction: a wrong one is refused before the new password costs a hash. The aggregate
     * checks it again against its own state, which decides.
     */
    @PostMapping("/api/v1/account/password")
    @ProblemResponses(503)
    ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChangeRequest body) {
        UserId user = CurrentUser.id();
        UUID currentSession = CurrentUser.sessionId();
        String currentHash = tx.execute(status -> accounts.byId(user))
                .map(Credentials::passwordHash)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The account does not exist."));
        if (!passwords.matches(body.currentPassword(), currentHash)) {
            throw Rules.invalid("The current password is not correct.");
        }
        String newHash = passwords.encode(body.newPassword());
        tx.executeWithoutResult(status -> {
            commands.sendAndWait(new ChangeUserPasswordCommand(user, body.currentPassword(), newHash));
            sessions.endAllExcept(user, currentSession, "password_changed");
        });
        return ResponseEntity.noContent().build();
    }
}
