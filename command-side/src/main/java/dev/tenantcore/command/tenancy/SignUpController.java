package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.api.tenancy.ReissueTenantSignUpTokenCommand;
import dev.tenantcore.api.tenancy.SignUpVerification;
import dev.tenantcore.api.tenancy.TenantModulePreset;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.api.tenancy.VerifyTenantSignUpCommand;
import dev.tenantcore.command.common.TenantFacts;
import dev.tenantcore.infra.mail.MailOutbox;
import dev.tenantcore.infra.mail.MailTemplate;
import dev.tenantcore.infra.mail.OutgoingMail;
import dev.tenantcore.infra.security.OpaqueTokens;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-serve sign-up, anonymous and tenant-less (the request runs in the platform scope): a tenant
 * registration on the CRM-only plan with the platform's subdomain {@code <slug>.<base domain>} and
 * a first owner, pending until the owner presents the token sent by email. The token is
 * {@code <tenant id>.<secret>}: it names the one tenant it can verify, and only its SHA-256 is kept.
 */
@RestController
class SignUpController {

    /** One address may have started a few sign-ups; a resend by address renews at most this many. */
    static final int MOST_RESENDS = 5;

    private static final Logger log = LoggerFactory.getLogger(SignUpController.class);

    /** At least three characters, and one DNS label (63 at most), since the slug names a subdomain. */
    static final String SLUG_PATTERN = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$";

    private final TenantOnboarding onboarding;
    private final CommandGateway commands;
    private final SignUpSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MailOutbox mails;
    private final TransactionTemplate tx;
    private final PendingSignUps pending;
    private final TenantFacts facts;

    SignUpController(
            TenantOnboarding onboarding,
            CommandGateway commands,
            SignUpSettings settings,
            ApplicationEventPublisher events,
            ObjectProvider<Clock> clock,
            MailOutbox mails,
            PlatformTransactionManager transactionManager,
            PendingSignUps pending,
            TenantFacts facts) {
        this.pending = pending;
        this.facts = facts;
        this.mails = mails;
        this.tx = new TransactionTemplate(transactionManager);
        this.onboarding = onboarding;
        this.commands = commands;
        this.settings = settings;
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record SignUpRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = SLUG_PATTERN) String slug,
            @Size(max = 100) String industry,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 8, max = 200) String password,
            @Size(max = 200) String displayName) {}

    record SignUpResponse(
            TenantId tenantId, String slug, String domain, TenantStatus status, Instant verificationExpiresAt) {}

    /** Exactly one of the owner's address and the slug. */
    record ResendRequest(
            @Email @Size(max = 254) String email,
            @Pattern(regexp = SLUG_PATTERN) String slug) {

        @AssertTrue(message = "give either email or slug")
        boolean isEitherEmailOrSlug() {
            return (email == null || email.isBlank()) != (slug == null);
        }
    }

    record ResendAccepted(String detail) {}

    private static final ResendAccepted RESEND_ACCEPTED = new ResendAccepted(
            "If a sign-up with this address or slug waits for its verification, a new link is on its way.");

    record VerificationRequest(@NotBlank @Size(max = 200) String token) {}

    record VerificationResponse(TenantId tenantId, TenantStatus status, Instant trialEndsAt) {}

    /** A reserved or taken slug is {@code 409 slug_reserved} / {@code slug_taken}; a taken domain {@code domain_taken}. */
    @PostMapping("/api/v1/signup")
    @ProblemResponses({409, 503})
    ResponseEntity<SignUpResponse> signUp(@Valid @RequestBody SignUpRequest body) {
        TenantId tenant = TenantId.random();
        UserId owner = UserId.random();
        String email = body.email().strip().toLowerCase(Locale.ROOT);
        String domain = settings.domainFor(body.slug());
        String token = OpaqueTokens.issue(tenant.value());
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MICROS).plus(settings.getVerificationTtl());
        onboarding.register(
                new RegisterTenantCommand(
                        tenant,
                        body.name(),
                        body.slug(),
                        List.of(domain),
                        TenantModulePreset.CRM_ONLY.modules(),
                        body.industry(),
                        new SignUpVerification(owner, email, OpaqueTokens.sha256(token), expiresAt)),
                new TenantOnboarding.Owner(owner, email, body.password(), body.displayName()));
        String displayName = body.displayName() == null || body.displayName().isBlank()
                ? body.name().strip()
                : body.displayName().strip();
        mailVerification(tenant, owner, email, displayName, domain, token);
        events.publishEvent(new SignUpVerificationIssued(
                tenant, owner, email, body.displayName(), body.name().strip(), domain, token, expiresAt));
        // Accepted, not created: the tenant serves nobody until its owner presents the emailed token.
        return ResponseEntity.accepted()
                .body(new SignUpResponse(tenant, body.slug(), domain, TenantStatus.PENDING, expiresAt));
    }

    /**
     * Queues the mail with the token, in the new tenant's scope. Its key is the token's hash, so the
     * mail is queued once; the token itself travels as a secret of the mail, kept encrypted until
     * it is sent, never in the delivery log.
     */
    private void mailVerification(
            TenantId tenant, UserId owner, String email, String displayName, String domain, String token) {
        try (var scope = TenantContext.enter(tenant, null)) {
            tx.executeWithoutResult(status -> mails.enqueue(new OutgoingMail(
                    "signup-verification:" + OpaqueTokens.sha256(token),
                    MailTemplate.EMAIL_VERIFICATION,
                    email,
                    owner,
                    null,
                    Map.of("displayName", displayName),
                    null,
                    Map.of("verificationUrl", settings.verificationLink(domain, token)))));
        }
    }

    /**
     * A new verification mail for a sign-up still pending, found by its owner's address or its slug.
     * The answer is the same {@code 202} whether or not there is such a sign-up, so nobody learns
     * from it which addresses or slugs signed up; only the owner's inbox sees a difference. The new
     * token replaces the one before it, which stops verifying.
     */
    @PostMapping("/api/v1/signup/resend")
    @ProblemResponses(503)
    ResponseEntity<ResendAccepted> resend(@Valid @RequestBody ResendRequest body) {
        List<PendingSignUps.PendingSignUp> found = body.slug() != null
                ? pending.bySlug(body.slug()).stream().toList()
                : pending.byEmail(body.email().strip().toLowerCase(Locale.ROOT), MOST_RESENDS);
        found.forEach(this::reissue);
        return ResponseEntity.accepted().body(RESEND_ACCEPTED);
    }

    private void reissue(PendingSignUps.PendingSignUp signUp) {
        TenantId tenant = signUp.tenantId();
        String token = OpaqueTokens.issue(tenant.value());
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MICROS).plus(settings.getVerificationTtl());
        try {
            commands.sendAndWait(new ReissueTenantSignUpTokenCommand(tenant, OpaqueTokens.sha256(token), expiresAt));
        } catch (AggregateNotFoundException | DomainException | CommandExecutionException e) {
            // Verified, expired or closed meanwhile: nothing to resend, and the answer does not tell.
            log.debug("no token resent for tenant {}: {}", tenant, e.getMessage());
            return;
        }
        String domain = settings.domainFor(signUp.slug());
        String tenantName = facts.of(tenant).map(TenantFacts.Facts::name).orElse(signUp.slug());
        UserId owner = signUp.ownerId();
        mailVerification(tenant, owner, signUp.ownerEmail(), tenantName, domain, token);
        events.publishEvent(new SignUpVerificationIssued(
                tenant, owner, signUp.ownerEmail(), null, tenantName, domain, token, expiresAt));
    }

    /** Wrong, used, expired or another tenant's: the same {@code 400 signup_token_invalid}. */
    @PostMapping("/api/v1/signup/verification")
    @ProblemResponses(503)
    ResponseEntity<VerificationResponse> verify(@Valid @RequestBody VerificationRequest body) {
        TenantId tenant = OpaqueTokens.ownerOf(body.token()).map(TenantId::new).orElseThrow(SignUpController::invalid);
        // To the microsecond PostgreSQL keeps, so the answer, the event and the tenant list agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant trialEndsAt = now.plus(settings.getTrialLength());
        try {
            commands.sendAndWait(
                    new VerifyTenantSignUpCommand(tenant, OpaqueTokens.sha256(body.token()), now, trialEndsAt));
        } catch (AggregateNotFoundException e) {
            throw invalid();
        } catch (DomainException e) {
            // A closed tenant's token is as spent as any other: the answer does not tell it is closed.
            throw e.code() == ErrorCode.TENANT_CLOSED ? invalid() : e;
        } catch (CommandExecutionException e) {
            // The same refusal as it arrives from the command bus, wrapped with its code.
            boolean closed = e.getDetails()
                    .filter(ErrorDetails.class::isInstance)
                    .map(d -> ((ErrorDetails) d).code() == ErrorCode.TENANT_CLOSED)
                    .orElse(false);
            throw closed ? invalid() : e;
        }
        return ResponseEntity.ok(new VerificationResponse(tenant, TenantStatus.TRIAL, trialEndsAt));
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.SIGNUP_TOKEN_INVALID, "The verification token is not valid.");
    }
}
