package dev.tenantcore.command.tenancy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.media.MediaEntityType;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.tenancy.ActivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.AddTenantDomainCommand;
import dev.tenantcore.api.tenancy.BillingStatus;
import dev.tenantcore.api.tenancy.ChangeTenantBillingStatusCommand;
import dev.tenantcore.api.tenancy.ChangeTenantModulesCommand;
import dev.tenantcore.api.tenancy.ChangeTenantSettingsCommand;
import dev.tenantcore.api.tenancy.CloseTenantCommand;
import dev.tenantcore.api.tenancy.DeactivateTenantDomainCommand;
import dev.tenantcore.api.tenancy.DisableTenantModuleCommand;
import dev.tenantcore.api.tenancy.DomainOwnershipCheck;
import dev.tenantcore.api.tenancy.EnableTenantModuleCommand;
import dev.tenantcore.api.tenancy.EndTenantTrialCommand;
import dev.tenantcore.api.tenancy.ExpireTenantSignUpCommand;
import dev.tenantcore.api.tenancy.ReactivateTenantCommand;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.api.tenancy.ReissueTenantSignUpTokenCommand;
import dev.tenantcore.api.tenancy.ReleaseTenantDomainClaimCommand;
import dev.tenantcore.api.tenancy.RemoveTenantDomainCommand;
import dev.tenantcore.api.tenancy.RenameTenantCommand;
import dev.tenantcore.api.tenancy.SetPrimaryTenantDomainCommand;
import dev.tenantcore.api.tenancy.ShredTenantKeysCommand;
import dev.tenantcore.api.tenancy.SignUpVerification;
import dev.tenantcore.api.tenancy.SuspendTenantCommand;
import dev.tenantcore.api.tenancy.TenantBillingStatusChangedEvent;
import dev.tenantcore.api.tenancy.TenantClosedEvent;
import dev.tenantcore.api.tenancy.TenantDomainActivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantDomainClaimReleasedEvent;
import dev.tenantcore.api.tenancy.TenantDomainDeactivatedEvent;
import dev.tenantcore.api.tenancy.TenantDomainRemovedEvent;
import dev.tenantcore.api.tenancy.TenantDomainVerifiedEvent;
import dev.tenantcore.api.tenancy.TenantKeysShreddedEvent;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantModuleDisabledEvent;
import dev.tenantcore.api.tenancy.TenantModuleEnabledEvent;
import dev.tenantcore.api.tenancy.TenantPrimaryDomainChangedEvent;
import dev.tenantcore.api.tenancy.TenantReactivatedEvent;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.api.tenancy.TenantRenamedEvent;
import dev.tenantcore.api.tenancy.TenantSettings;
import dev.tenantcore.api.tenancy.TenantSettingsChangedEvent;
import dev.tenantcore.api.tenancy.TenantSignUpExpiredEvent;
import dev.tenantcore.api.tenancy.TenantSignUpRequestedEvent;
import dev.tenantcore.api.tenancy.TenantSignUpTokenReissuedEvent;
import dev.tenantcore.api.tenancy.TenantSignUpVerifiedEvent;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.api.tenancy.TenantTrialConvertedEvent;
import dev.tenantcore.api.tenancy.TenantTrialEndedEvent;
import dev.tenantcore.api.tenancy.VerifyTenantDomainCommand;
import dev.tenantcore.api.tenancy.VerifyTenantSignUpCommand;
import dev.tenantcore.command.common.MediaLookup;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantFacts;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.common.UniqueKeys;
import dev.tenantcore.infra.credentials.SubjectKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A business using the platform.
 *
 * <p>Invariants: the slug is unique on the platform and a proven domain belongs to one tenant only
 * (both claimed in {@link UniqueKeys}). A domain the tenant adds itself is only claimed, unverified
 * and inactive ({@link DomainClaims}), until it serves the tenant's verification token: the claim
 * blocks no other tenant, ends when another tenant proves the name, and lapses after the platform's
 * expiry, each with an event that says why. A domain the platform adds is trusted and verified at
 * once. Only a verified domain is active or primary; once a tenant has a verified
 * domain it has exactly one primary domain, which can be neither removed nor deactivated while
 * other domains remain. Only the platform registers, renames, suspends, closes tenants and
 * switches their modules; a tenant's own staff act only on their tenant. A closed tenant refuses
 * every further command and has given its domains back. Its name and settings are written to
 * {@link TenantFacts} with the events that change them, for other contexts' commands to decide with.
 *
 * <p>A self-served sign-up is a registration that stays {@code pending} until its owner presents the
 * token sent by email: unexpired, for this tenant, and once only (only its SHA-256 is recorded). Its
 * slug may be none of the {@link ReservedSlugs}. The trial then runs to its end date, recorded in
 * {@link Trials} for the sweep that ends it; an ended trial leaves the tenant readable but refusing
 * changes until the platform takes it on. While pending, a new token may replace the old one, which
 * then no longer verifies; a sign-up never verified expires ({@link PendingSignUps} holds the pending
 * ones for the sweep): the tenant is closed and gives back its slug and domains for a new sign-up.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Tenant extends TenantOwned {

    static final int MAX_DOMAINS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    @AggregateIdentifier
    private TenantId id;

    private String name;
    private String slug;
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private String primaryDomain;
    private final Set<TenantModule> modules = EnumSet.noneOf(TenantModule.class);
    private boolean suspended;
    private boolean closed;
    /** How many data subject keys were shredded once the tenant was closed; null until then. */
    private Integer keysShredded;

    private TenantSettings settings;
    /** Where the tenant is in its life, apart from a suspension: pending, trial, trial ended or active. */
    private TenantStatus standing = TenantStatus.ACTIVE;

    private SignUpVerification signUp;
    private Instant trialEndsAt;
    private BillingStatus billingStatus = BillingStatus.OK;

    private record Domain(boolean active, boolean verified, String verificationToken) {

        static Domain added(String verificationToken) {
            return verificationToken == null
                    ? new Domain(true, true, null)
                    : new Domain(false, false, verificationToken);
        }

        Domain withActive(boolean newActive) {
            return new Domain(newActive, verified, verificationToken);
        }
    }

    protected Tenant() {}

    /** Registered through {@link TenantRegistration}, which answers with the version this reaches. */
    Tenant(
            RegisterTenantCommand command,
            String caller,
            UniqueKeys keys,
            DomainClaims claims,
            TenantFacts facts,
            PendingSignUps signUps) {
        if (caller == null || !TenantId.of(caller).isPlatform()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the platform registers tenants.");
        }
        String name = Rules.text("name", command.name(), 200);
        String slug = Rules.slug(command.slug());
        String industry = Rules.optionalText("industry", command.industry(), 100);
        SignUpVerification signUp = command.signUp();
        if (signUp != null) {
            // The slug names a subdomain of the platform: a self-served tenant may not take one the platform needs.
            ReservedSlugs.refuse(slug);
            if (signUp.ownerId() == null
                    || signUp.tokenHash() == null
                    || signUp.tokenHash().isBlank()
                    || signUp.expiresAt() == null) {
                throw Rules.invalid("a sign-up needs its owner, a token hash and an expiry");
            }
            Rules.text("ownerEmail", signUp.ownerEmail(), 254);
        }
        Set<String> newDomains = new LinkedHashSet<>();
        for (String d : command.domains() == null ? Set.<String>of() : command.domains()) {
            newDomains.add(Rules.domain(d == null ? null : d.toLowerCase(Locale.ROOT)));
        }
        if (newDomains.size() > MAX_DOMAINS) {
            throw Rules.invalid("a tenant has at most " + MAX_DOMAINS + " domains");
        }
        keys.claim(UniqueKeys.Scope.TENANT_SLUG, slug, command.tenantId().value());
        newDomains.forEach(d -> {
            keys.claim(UniqueKeys.Scope.DOMAIN, d, command.tenantId().value());
            claims.proven(d, command.tenantId());
        });
        Set<TenantModule> initialModules =
                command.modules() == null || command.modules().isEmpty()
                        ? EnumSet.allOf(TenantModule.class)
                        : EnumSet.copyOf(command.modules());
        facts.registered(command.tenantId(), name);
        apply(new TenantRegisteredEvent(command.tenantId(), name, slug, initialModules, industry));
        if (signUp != null) {
            signUps.requested(command.tenantId(), slug, signUp.ownerId(), signUp.ownerEmail(), signUp.expiresAt());
            // Before its domains: the edge never sees the new domain on a tenant that is not pending.
            apply(new TenantSignUpRequestedEvent(
                    command.tenantId(), signUp.ownerId(), signUp.ownerEmail(), signUp.tokenHash(), signUp.expiresAt()));
        }
        newDomains.forEach(d -> apply(new TenantDomainAddedEvent(command.tenantId(), d, null)));
        newDomains.stream()
                .findFirst()
                .ifPresent(d -> apply(new TenantPrimaryDomainChangedEvent(command.tenantId(), d)));
    }

    /**
     * Refuses everything on a closed tenant, except closing it again and shredding its keys, to
     * callers it admits at all.
     */
    @CommandHandlerInterceptor
    public Object refuseWhileClosed(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object caller = command.getMetaData().get(MetadataKeys.TENANT_ID);
        boolean admitted = caller != null && admits(TenantId.of(caller.toString()));
        if (closed
                && admitted
                && !(command.getPayload() instanceof CloseTenantCommand)
                && !(command.getPayload() instanceof ShredTenantKeysCommand)) {
            throw new DomainException(ErrorCode.TENANT_CLOSED, "The tenant is closed.");
        }
        return chain.proceed();
    }

    /**
     * The platform's domains are trusted, and end other tenants' unverified claims on the name; a
     * domain the tenant adds itself must first prove that the tenant controls it, so it cannot route
     * another business's traffic to itself, and until then it holds the name for nobody.
     */
    @CommandHandler
    public long handle(
            AddTenantDomainCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String caller,
            UniqueKeys keys,
            DomainClaims claims) {
        String domain =
                Rules.domain(command.domain() == null ? null : command.domain().toLowerCase(Locale.ROOT));
        if (domains.containsKey(domain)) {
            return getVersion();
        }
        if (domains.size() >= MAX_DOMAINS) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE, "A tenant has at most " + MAX_DOMAINS + " domains; remove one first.");
        }
        if (TenantId.of(caller).isPlatform()) {
            keys.claim(UniqueKeys.Scope.DOMAIN, domain, id.value());
            claims.proven(domain, id);
            apply(new TenantDomainAddedEvent(id, domain, null));
            if (primaryDomain == null) {
                apply(new TenantPrimaryDomainChangedEvent(id, domain));
            }
        } else {
            String token = newVerificationToken();
            claims.claimUnverified(domain, id, token);
            apply(new TenantDomainAddedEvent(id, domain, token));
        }
        return getVersion();
    }

    /**
     * Decides with the check the endpoint made beforehand (outside any transaction, see {@link
     * DomainVerification}): only a check that found this domain's own token proves it. Proving
     * takes the name, so a tenant that proved it first wins, and ends every other tenant's claim. A
     * failed check records nothing: the owner fixes the file and asks again.
     */
    @CommandHandler
    public long handle(VerifyTenantDomainCommand command, UniqueKeys keys, DomainClaims claims) {
        String domain = known(command.domain());
        Domain current = domains.get(domain);
        if (current.verified()) {
            return getVersion();
        }
        DomainOwnershipCheck check = command.check();
        if (check == null || !current.verificationToken().equals(check.token())) {
            throw new DomainException(
                    ErrorCode.DOMAIN_VERIFICATION_FAILED,
                    "The domain '" + domain + "' could not be verified: its claim is no longer pending; add it again.");
        }
        if (!check.tokenServed()) {
            throw new DomainException(
                    ErrorCode.DOMAIN_VERIFICATION_FAILED,
                    "The domain '" + domain + "' could not be verified: " + check.problem());
        }
        keys.claim(UniqueKeys.Scope.DOMAIN, domain, id.value());
        claims.proven(domain, id);
        apply(new TenantDomainVerifiedEvent(id, domain));
        if (primaryDomain == null) {
            apply(new TenantPrimaryDomainChangedEvent(id, domain));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(RemoveTenantDomainCommand command, UniqueKeys keys, DomainClaims claims) {
        String domain = known(command.domain());
        if (domain.equals(primaryDomain) && domains.size() > 1) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE, "Choose another primary domain before removing this one.");
        }
        keys.release(UniqueKeys.Scope.DOMAIN, domain, id.value());
        claims.release(domain, id);
        apply(new TenantDomainRemovedEvent(id, domain));
        return getVersion();
    }

    /**
     * Ends an unverified claim that has lapsed (see {@link DomainClaims#lapse}); one that still
     * stands is left alone. A claim row that no unverified domain of this tenant explains is dropped,
     * so the expiry sweep cannot keep finding it.
     */
    @CommandHandler
    public long handle(ReleaseTenantDomainClaimCommand command, DomainClaims claims) {
        String domain = command.domain() == null ? "" : command.domain().toLowerCase(Locale.ROOT);
        Domain current = domains.get(domain);
        if (current == null || current.verified()) {
            claims.release(domain, id);
            return getVersion();
        }
        claims.lapse(domain, id).ifPresent(reason -> apply(new TenantDomainClaimReleasedEvent(id, domain, reason)));
        return getVersion();
    }

    @CommandHandler
    public long handle(SetPrimaryTenantDomainCommand command) {
        String domain = verified(command.domain(), "made primary");
        if (!domain.equals(primaryDomain)) {
            apply(new TenantPrimaryDomainChangedEvent(id, domain));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ActivateTenantDomainCommand command) {
        String domain = verified(command.domain(), "activated");
        if (!domains.get(domain).active()) {
            apply(new TenantDomainActivatedEvent(id, domain));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DeactivateTenantDomainCommand command) {
        String domain = known(command.domain());
        if (!domains.get(domain).active()) {
            return getVersion();
        }
        if (domain.equals(primaryDomain) && domains.size() > 1) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE, "Choose another primary domain before deactivating this one.");
        }
        apply(new TenantDomainDeactivatedEvent(id, domain));
        return getVersion();
    }

    @CommandHandler
    public long handle(EnableTenantModuleCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller) {
        requirePlatform(caller, "Only the platform switches modules.");
        if (!modules.contains(command.module())) {
            apply(new TenantModuleEnabledEvent(id, command.module()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DisableTenantModuleCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller) {
        requirePlatform(caller, "Only the platform switches modules.");
        if (modules.contains(command.module())) {
            apply(new TenantModuleDisabledEvent(id, command.module()));
        }
        return getVersion();
    }

    /** One event per module that changes, in a fixed order, so equal requests record equal histories. */
    @CommandHandler
    public long handle(ChangeTenantModulesCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller) {
        requirePlatform(caller, "Only the platform switches modules.");
        if (command.modules() == null || command.modules().stream().anyMatch(Objects::isNull)) {
            throw Rules.invalid("modules must be a list of module names");
        }
        for (TenantModule module : TenantModule.values()) {
            boolean wanted = command.modules().contains(module);
            if (wanted && !modules.contains(module)) {
                apply(new TenantModuleEnabledEvent(id, module));
            } else if (!wanted && modules.contains(module)) {
                apply(new TenantModuleDisabledEvent(id, module));
            }
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(SuspendTenantCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller) {
        requirePlatform(caller, "Only the platform suspends or reactivates tenants.");
        if (!suspended) {
            apply(new TenantSuspendedEvent(id, Rules.optionalText("reason", command.reason(), 500)));
        }
        return getVersion();
    }

    /**
     * Lifts a suspension; on a tenant that is not suspended, takes a trial (running or ended) on as
     * a regular active tenant. A suspended trial keeps its trial when the suspension lifts.
     */
    @CommandHandler
    public long handle(
            ReactivateTenantCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller, Trials trials) {
        requirePlatform(caller, "Only the platform suspends or reactivates tenants.");
        if (suspended) {
            apply(new TenantReactivatedEvent(id));
        } else if (standing == TenantStatus.TRIAL || standing == TenantStatus.TRIAL_ENDED) {
            trials.ended(id);
            apply(new TenantTrialConvertedEvent(id));
        }
        return getVersion();
    }

    /**
     * The owner's proof of the email address: the token's hash must be the one recorded at sign-up,
     * presented before its expiry, while the tenant is still pending, so a token works once.
     * Every refusal reads the same, so a caller learns nothing about which check failed.
     */
    @CommandHandler
    public long handle(
            VerifyTenantSignUpCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String caller,
            Trials trials,
            PendingSignUps signUps) {
        requirePlatform(caller, "Sign-ups are verified through the platform.");
        if (standing != TenantStatus.PENDING
                || signUp == null
                || command.tokenHash() == null
                || command.verifiedAt() == null
                || !MessageDigest.isEqual(
                        signUp.tokenHash().getBytes(StandardCharsets.UTF_8),
                        command.tokenHash().getBytes(StandardCharsets.UTF_8))
                || !command.verifiedAt().isBefore(signUp.expiresAt())) {
            throw new DomainException(ErrorCode.SIGNUP_TOKEN_INVALID, "The verification token is not valid.");
        }
        if (command.trialEndsAt() == null || !command.trialEndsAt().isAfter(command.verifiedAt())) {
            throw Rules.invalid("a trial must end after it starts");
        }
        trials.started(id, command.trialEndsAt());
        signUps.ended(id);
        apply(new TenantSignUpVerifiedEvent(id, signUp.ownerId(), command.trialEndsAt()));
        return getVersion();
    }

    /**
     * A new token for a sign-up still pending; the one before it stops verifying at once. Anything
     * else is refused like a wrong token, and the resend endpoint answers the same either way.
     */
    @CommandHandler
    public long handle(
            ReissueTenantSignUpTokenCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String caller,
            PendingSignUps signUps) {
        requirePlatform(caller, "Sign-up tokens are resent through the platform.");
        if (standing != TenantStatus.PENDING || signUp == null) {
            throw new DomainException(ErrorCode.SIGNUP_TOKEN_INVALID, "The tenant has no pending sign-up.");
        }
        if (command.tokenHash() == null || command.tokenHash().isBlank() || command.expiresAt() == null) {
            throw Rules.invalid("a new token needs its hash and an expiry");
        }
        signUps.reissued(id, command.expiresAt());
        apply(new TenantSignUpTokenReissuedEvent(
                id, signUp.ownerId(), signUp.ownerEmail(), command.tokenHash(), command.expiresAt()));
        return getVersion();
    }

    /**
     * Scheduled work asks once the verification window has passed; a sign-up whose latest token
     * still runs is left until that token runs out, so a resent link always works for its lifetime.
     * The expired tenant releases its slug and its domains in this transaction, so a new sign-up may
     * take them at once, and is closed. A stale pending record is dropped.
     */
    @CommandHandler
    public long handle(
            ExpireTenantSignUpCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String caller,
            UniqueKeys keys,
            DomainClaims claims,
            PendingSignUps signUps) {
        requirePlatform(caller, "Only the platform expires sign-ups.");
        if (standing != TenantStatus.PENDING || signUp == null || closed) {
            signUps.ended(id);
            return getVersion();
        }
        if (command.at() == null || command.at().isBefore(signUp.expiresAt())) {
            return getVersion();
        }
        signUps.ended(id);
        if (slug != null) {
            keys.release(UniqueKeys.Scope.TENANT_SLUG, slug, id.value());
        }
        domains.keySet().forEach(d -> {
            keys.release(UniqueKeys.Scope.DOMAIN, d, id.value());
            claims.release(d, id);
        });
        apply(new TenantSignUpExpiredEvent(id, slug, command.at()));
        return getVersion();
    }

    /** Scheduled work asks; only a trial that has run out by then ends. A stale trial record is dropped. */
    @CommandHandler
    public long handle(
            EndTenantTrialCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller, Trials trials) {
        requirePlatform(caller, "Only the platform ends trials.");
        if (standing != TenantStatus.TRIAL) {
            trials.ended(id);
            return getVersion();
        }
        if (command.at() == null || command.at().isBefore(trialEndsAt)) {
            return getVersion();
        }
        trials.ended(id);
        apply(new TenantTrialEndedEvent(id, trialEndsAt));
        return getVersion();
    }

    @CommandHandler
    public long handle(ChangeTenantBillingStatusCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller) {
        requirePlatform(caller, "Only the platform changes billing status.");
        if (command.billingStatus() == null) {
            throw Rules.invalid("billingStatus must be ok, past_due or unpaid");
        }
        if (command.billingStatus() != billingStatus) {
            apply(new TenantBillingStatusChangedEvent(id, command.billingStatus()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(
            RenameTenantCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller, TenantFacts facts) {
        requirePlatform(caller, "Only the platform renames tenants.");
        String newName = Rules.text("name", command.name(), 200);
        if (!newName.equals(name)) {
            facts.renamed(id, newName);
            apply(new TenantRenamedEvent(id, newName));
        }
        return getVersion();
    }

    /**
     * Releases every domain claim in the same transaction, so another tenant may take a closed
     * tenant's domains at once; the slug stays claimed, so it keeps naming one tenant only.
     */
    @CommandHandler
    public long handle(
            CloseTenantCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String caller,
            UniqueKeys keys,
            DomainClaims claims,
            Trials trials,
            PendingSignUps signUps) {
        requirePlatform(caller, "Only the platform closes tenants.");
        if (closed) {
            return getVersion();
        }
        trials.ended(id);
        signUps.ended(id);
        String reason = Rules.optionalText("reason", command.reason(), 500);
        domains.keySet().forEach(d -> {
            keys.release(UniqueKeys.Scope.DOMAIN, d, id.value());
            claims.release(d, id);
        });
        apply(new TenantClosedEvent(id, reason));
        return getVersion();
    }

    /**
     * Erases a closed tenant as a whole: every data subject key of the tenant is deleted in the
     * transaction that records it (and its aggregates' snapshots dropped), once; a repeat answers
     * the first count. An open tenant's keys are never shredded: it still serves its data.
     */
    @CommandHandler
    public int handle(
            ShredTenantKeysCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String caller, SubjectKeys keys) {
        requirePlatform(caller, "Only the platform shreds a tenant's keys.");
        if (!closed) {
            throw new DomainException(ErrorCode.INVALID_STATE, "Only a closed tenant's keys are shredded.");
        }
        if (keysShredded != null) {
            return keysShredded;
        }
        int shredded = keys.shredTenant(id);
        apply(new TenantKeysShreddedEvent(id, shredded));
        return shredded;
    }

    @CommandHandler
    public long handle(ChangeTenantSettingsCommand command, TenantFacts facts, MediaLookup media) {
        TenantSettings changed = TenantSettingsRules.validated(command.settings());
        TenantSettingsRules.logo(changed.branding(), media);
        if (!changed.equals(settings)) {
            MediaId logo = changed.branding().logoMediaId();
            MediaId before = settings == null || settings.branding() == null
                    ? null
                    : settings.branding().logoMediaId();
            if (!Objects.equals(logo, before)
                    && !media.show(new MediaLookup.Referrer(MediaEntityType.TENANT_LOGO, id.value()), logo)) {
                throw new DomainException(
                        ErrorCode.UNKNOWN_MEDIA, "The logo " + logo + " is not one of this shop's files.");
            }
            facts.settingsChanged(id, changed);
            apply(new TenantSettingsChangedEvent(id, changed));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(TenantRegisteredEvent event) {
        id = event.tenantId();
        tenantId = event.tenantId();
        name = event.name();
        slug = event.slug();
        modules.addAll(event.modules());
    }

    @EventSourcingHandler
    void on(TenantSignUpRequestedEvent event) {
        standing = TenantStatus.PENDING;
        signUp = new SignUpVerification(event.ownerId(), event.ownerEmail(), event.tokenHash(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(TenantSignUpTokenReissuedEvent event) {
        signUp = new SignUpVerification(event.ownerId(), event.ownerEmail(), event.tokenHash(), event.expiresAt());
    }

    /** Closed for good: the same refusals as a closed tenant, and nothing left to verify. */
    @EventSourcingHandler
    void on(TenantSignUpExpiredEvent event) {
        closed = true;
        standing = TenantStatus.CLOSED;
        signUp = null;
        domains.clear();
        primaryDomain = null;
    }

    @EventSourcingHandler
    void on(TenantSignUpVerifiedEvent event) {
        standing = TenantStatus.TRIAL;
        signUp = null;
        trialEndsAt = event.trialEndsAt();
    }

    @EventSourcingHandler
    void on(TenantTrialEndedEvent event) {
        standing = TenantStatus.TRIAL_ENDED;
    }

    @EventSourcingHandler
    void on(TenantTrialConvertedEvent event) {
        standing = TenantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(TenantBillingStatusChangedEvent event) {
        billingStatus = event.billingStatus();
    }

    @EventSourcingHandler
    void on(TenantDomainAddedEvent event) {
        domains.put(event.domain(), Domain.added(event.verificationToken()));
    }

    @EventSourcingHandler
    void on(TenantDomainVerifiedEvent event) {
        domains.computeIfPresent(event.domain(), (d, state) -> new Domain(state.active(), true, null));
    }

    @EventSourcingHandler
    void on(TenantDomainRemovedEvent event) {
        domains.remove(event.domain());
        if (event.domain().equals(primaryDomain)) {
            primaryDomain = null;
        }
    }

    @EventSourcingHandler
    void on(TenantDomainClaimReleasedEvent event) {
        // Never the primary domain: only a verified domain becomes primary.
        domains.remove(event.domain());
    }

    @EventSourcingHandler
    void on(TenantPrimaryDomainChangedEvent event) {
        primaryDomain = event.domain();
    }

    @EventSourcingHandler
    void on(TenantDomainActivatedEvent event) {
        domains.computeIfPresent(event.domain(), (d, state) -> state.withActive(true));
    }

    @EventSourcingHandler
    void on(TenantDomainDeactivatedEvent event) {
        domains.computeIfPresent(event.domain(), (d, state) -> state.withActive(false));
    }

    @EventSourcingHandler
    void on(TenantModuleEnabledEvent event) {
        modules.add(event.module());
    }

    @EventSourcingHandler
    void on(TenantModuleDisabledEvent event) {
        modules.remove(event.module());
    }

    @EventSourcingHandler
    void on(TenantSuspendedEvent event) {
        suspended = true;
    }

    @EventSourcingHandler
    void on(TenantReactivatedEvent event) {
        suspended = false;
    }

    @EventSourcingHandler
    void on(TenantRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(TenantClosedEvent event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(TenantKeysShreddedEvent event) {
        keysShredded = event.keysShredded();
    }

    @EventSourcingHandler
    void on(TenantSettingsChangedEvent event) {
        settings = event.settings();
    }

    /** The platform manages every tenant; a tenant's own staff only their own. */
    @Override
    protected boolean admits(TenantId caller) {
        return caller.isPlatform() || super.admits(caller);
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    private String known(String domain) {
        String normalized = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        if (!domains.containsKey(normalized)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The tenant has no such domain.");
        }
        return normalized;
    }

    private String verified(String domain, String action) {
        String normalized = known(domain);
        if (!domains.get(normalized).verified()) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE, "Verify the domain '" + normalized + "' before it can be " + action + ".");
        }
        return normalized;
    }

    /** 192 random bits: unguessable, and URL- and file-safe for the well-known file that holds it. */
    private static String newVerificationToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void requirePlatform(String caller, String refusal) {
        if (caller == null || !TenantId.of(caller).isPlatform()) {
            throw new DomainException(ErrorCode.FORBIDDEN, refusal);
        }
    }
}
