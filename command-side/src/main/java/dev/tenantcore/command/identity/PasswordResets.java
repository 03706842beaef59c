package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.ConfirmPasswordResetCommand;
import dev.tenantcore.api.identity.RequestPasswordResetCommand;
import dev.tenantcore.infra.mail.MailOutbox;
import dev.tenantcore.infra.mail.MailTemplate;
import dev.tenantcore.infra.mail.OutgoingMail;
import dev.tenantcore.infra.security.Credentials;
import dev.tenantcore.infra.security.OpaqueTokens;
import dev.tenantcore.infra.security.UserCredentials;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues password reset tokens off the request thread. The request is answered before anything
 * depends on whether the email belongs to an account, so neither the answer nor its timing tells.
 *
 * <p>A token is {@code <userId>.<secret>} and valid for {@code app.security.password-reset-ttl}; the
 * account records only its SHA-256, and the token itself leaves by mail (queued with the reset, kept
 * encrypted in the credential store until sent) and as a {@link PasswordResetIssued} application event.
 */
@Component
class PasswordResets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final UserCredentials accounts;
    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final MailOutbox mails;
    private final TransactionTemplate tx;
    private final Duration lifetime;
    private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();

    PasswordResets(
            UserCredentials accounts,
            CommandGateway commands,
            PasswordEncoder passwords,
            ApplicationEventPublisher events,
            MailOutbox mails,
            PlatformTransactionManager transactionManager,
            @Value("${app.security.password-reset-ttl:PT30M}") Duration lifetime) {
        this.accounts = accounts;
        this.commands = commands;
        this.passwords = passwords;
        this.events = events;
        this.mails = mails;
        this.tx = new TransactionTemplate(transactionManager);
        this.lifetime = lifetime;
        worker.setCorePoolSize(1);
        worker.setMaxPoolSize(2);
        // Bounded, so a flood of requests costs a few dropped emails rather than the heap.
        worker.setQueueCapacity(1000);
        worker.setThreadNamePrefix("password-reset-");
        worker.initialize();
    }

    void requestFor(TenantId tenant, String email) {
        try {
            worker.execute(() -> issue(tenant, email.strip().toLowerCase(Locale.ROOT)));
        } catch (TaskRejectedException e) {
            log.warn("password reset requests arrive faster than they are handled; one was dropped");
        }
    }

    /**
     * Sets {@code newPassword} on the account {@code token} names, in the request's tenant. A token
     * of another tenant, of a deleted account, expired or already used is refused the same way.
     */
    void confirm(String token, String newPassword) {
        UserId user = OpaqueTokens.ownerOf(token).map(UserId::new).orElseThrow(PasswordResets::invalid);
        String newHash = passwords.encode(newPassword);
        try {
            commands.sendAndWait(new ConfirmPasswordResetCommand(user, OpaqueTokens.sha256(token), newHash));
        } catch (AggregateNotFoundException e) {
            // No such account in this tenant, or a deleted one: the token is as wrong as any other.
            throw invalid();
        }
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.RESET_TOKEN_INVALID, "The reset token is not valid.");
    }

    private void issue(TenantId tenant, String email) {
        try (var scope = TenantContext.enter(tenant, null)) {
            Optional<Credentials> account = tx.execute(status -> accounts.byEmail(email));
            if (account.isEmpty() || !account.get().active()) {
                return;
            }
            Credentials credentials = account.get();
            String token = OpaqueTokens.issue(credentials.userId().value());
            Instant expiresAt = Instant.now().plus(lifetime);
            String tokenHash = OpaqueTokens.sha256(token);
            // The reset and its mail are one fact: the command joins this transaction, so its event
            // and the queued mail commit together or not at all.
            tx.executeWithoutResult(status -> {
                commands.sendAndWait(new RequestPasswordResetCommand(credentials.userId(), tokenHash, expiresAt));
                mails.enqueue(new OutgoingMail(
                        "password-reset:" + tokenHash,
                        MailTemplate.PASSWORD_RESET,
                        credentials.email(),
                        credentials.userId(),
                        null,
                        Map.of(
                                "displayName",
                                credentials.displayName() == null ? credentials.email() : credentials.displayName(),
                                "expiresInMinutes",
                                lifetime.toMinutes()),
                        null,
                        Map.of("resetToken", token)));
            });
            events.publishEvent(
                    new PasswordResetIssued(tenant, credentials.userId(), credentials.email(), token, expiresAt));
        } catch (RuntimeException e) {
            // Only the kind of failure: the message could name the account, and nothing here may leak the token.
            log.warn(
                    "a password reset could not be issued in tenant {}: {}",
                    tenant,
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
