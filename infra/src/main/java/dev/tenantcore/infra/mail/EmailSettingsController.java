package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.notifications.ChangeMailSettingsCommand;
import dev.tenantcore.api.notifications.DisableMailSettingsCommand;
import dev.tenantcore.api.notifications.MailSender;
import dev.tenantcore.api.notifications.MailSettingsId;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.infra.security.UserCredentials;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.IfMatch;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's mail sender: who mails come from and through which provider. The secret (SMTP
 * password or SendGrid key) goes in and never comes out: the answer says only whether it is set.
 * Without settings of its own, or with them disabled, a tenant's mails go out through the
 * platform's default sender. Each change is a command on the tenant's mail settings, recorded as an
 * event (who changed what, when; for the secret only that it was replaced or removed).
 */
@RestController
@RequestMapping("/api/v1/email/settings")
class EmailSettingsController {

    private final MailSettingsStore settings;
    private final Map<String, MailTransport> transports;
    private final MailOutbox outbox;
    private final MailDeliveries deliveries;
    private final UserCredentials accounts;
    private final TransactionTemplate tx;
    private final CommandGateway commands;

    EmailSettingsController(
            MailSettingsStore settings,
            List<MailTransport> transports,
            MailOutbox outbox,
            MailDeliveries deliveries,
            UserCredentials accounts,
            PlatformTransactionManager transactionManager,
            CommandGateway commands) {
        this.settings = settings;
        this.transports = transports.stream().collect(Collectors.toMap(MailTransport::provider, t -> t));
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.tx = new TransactionTemplate(transactionManager);
        this.commands = commands;
    }

    record SettingsRequest(
            @NotBlank @Size(max = 200) String senderName,
            @NotBlank @Email @Size(max = 254) String senderAddress,
            @Email @Size(max = 254) String replyTo,
            @NotNull @Pattern(regexp = "smtp|sendgrid") String provider,
            @Size(min = 1, max = 253) String smtpHost,
            @Min(1) @Max(65535) Integer smtpPort,
            @Pattern(regexp = "starttls|tls|none") String smtpSecurity,
            @Size(min = 1, max = 254) String smtpUsername,
            @Size(min = 1, max = 1000) String smtpPassword,
            @Size(min = 8, max = 1000) String sendgridApiKey) {}

    record SettingsView(
            boolean enabled,
            String senderName,
            String senderAddress,
            String replyTo,
            String provider,
            String smtpHost,
            Integer smtpPort,
            String smtpSecurity,
            String smtpUsername,
            boolean secretSet,
            long version,
            Instant updatedAt) {}

    record Verification(String provider, boolean verified) {}

    @GetMapping
    @PreAuthorize("hasRole('OWNER')")
    public ResponseEntity<SettingsView> get() {
        SettingsView view = tx.execute(status -> view());
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /**
     * Sets the tenant's own sender up, or changes it, and enables it; a secret left out is kept. Once
     * the tenant has settings, a change must name the version it is based on ({@code If-Match}, the
     * GET's {@code ETag}): without it {@code 428}, stale {@code 412}, so two owners editing at once
     * never overwrite each other unseen. The first setup needs none.
     */
    @PutMapping
    @PreAuthorize("hasRole('OWNER')")
    @ProblemResponses(428)
    public ResponseEntity<SettingsView> put(
            @Valid @RequestBody SettingsRequest body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        TenantId tenant = TenantContext.requireTenant("Mail settings belong to a shop.");
        boolean smtp = SenderSettings.SMTP.equals(body.provider());
        String secret = smtp ? body.smtpPassword() : body.sendgridApiKey();
        MailSender sender = new MailSender(
                body.senderName(),
                body.senderAddress(),
                body.replyTo(),
                body.provider(),
                smtp ? body.smtpHost() : null,
                smtp ? body.smtpPort() : null,
                smtp ? body.smtpSecurity() : null,
                smtp ? body.smtpUsername() : null);
        Long matched = IfMatch.exactVersion(ifMatch);
        try {
            commands.sendAndWait(new ChangeMailSettingsCommand(MailSettingsId.of(tenant), matched, sender, secret));
        } catch (RuntimeException e) {
            // Another change on the same version committed first: this one is based on a stale version.
            for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof ConcurrencyException) {
                    throw new DomainException(
                            ErrorCode.VERSION_CONFLICT,
                            "The mail settings changed since version " + (matched == null ? 0 : matched) + ".");
                }
            }
            throw e;
        }
        SettingsView view = tx.execute(status -> view());
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /** Back to the platform's default sender; the secret is forgotten. */
    @PostMapping("/disable")
    @PreAuthorize("hasRole('OWNER')")
    public ResponseEntity<SettingsView> disable() {
        TenantId tenant = TenantContext.requireTenant("Mail settings belong to a shop.");
        commands.sendAndWait(new DisableMailSettingsCommand(MailSettingsId.of(tenant)));
        SettingsView view = tx.execute(status -> view());
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /** Connects and authenticates (SMTP) or checks the key's permissions (SendGrid); sends nothing. */
    @PostMapping("/verify")
    @PreAuthorize("hasRole('OWNER')")
    public ResponseEntity<Verification> verify() {
        SenderSettings sender = tx.execute(status -> settings.own().orElseThrow(EmailSettingsController::missing));
        MailTransport transport = transports.get(sender.provider());
        try {
            transport.verify(sender);
        } catch (MailTransportException e) {
            throw new DomainException(ErrorCode.MAIL_VERIFICATION_FAILED, e.getMessage());
        }
        return ResponseEntity.ok(new Verification(sender.provider(), true));
    }

    /** Queues a test mail to the caller through the sender the tenant's mails use now. */
    @PostMapping("/test")
    @PreAuthorize("hasRole('OWNER')")
    public ResponseEntity<MailDeliveries.DeliveryView> test() {
        UUID id = tx.execute(status -> {
            String email =
                    accounts.byId(CurrentUser.id()).map(c -> c.email()).orElseThrow(EmailSettingsController::missing);
            return outbox.enqueue(OutgoingMail.to(email, "test:" + UUID.randomUUID(), MailTemplate.TEST, Map.of()))
                    .orElseThrow();
        });
        return ResponseEntity.accepted()
                .body(tx.execute(status -> deliveries.find(id).orElseThrow()));
    }

    private SettingsView view() {
        MailSettingsStore.Stored s = settings.find().orElseThrow(EmailSettingsController::missing);
        return new SettingsView(
                s.enabled(),
                s.senderName(),
                s.senderAddress(),
                s.replyTo(),
                s.provider(),
                s.smtpHost(),
                s.smtpPort(),
                s.smtpSecurity(),
                s.smtpUsername(),
                settings.secret().isPresent(),
                s.version(),
                s.updatedAt());
    }

    private static DomainException missing() {
        return new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
    }
}
