package dev.tenantcore.command.tenancy;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.tenancy.BillingStatus;
import dev.tenantcore.api.tenancy.ChangeTenantBillingStatusCommand;
import dev.tenantcore.api.tenancy.CloseTenantCommand;
import dev.tenantcore.api.tenancy.EndTenantTrialCommand;
import dev.tenantcore.api.tenancy.ExpireTenantSignUpCommand;
import dev.tenantcore.api.tenancy.ReactivateTenantCommand;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.api.tenancy.ReissueTenantSignUpTokenCommand;
import dev.tenantcore.api.tenancy.SignUpVerification;
import dev.tenantcore.api.tenancy.TenantBillingStatusChangedEvent;
import dev.tenantcore.api.tenancy.TenantClosedEvent;
import dev.tenantcore.api.tenancy.TenantDomainAddedEvent;
import dev.tenantcore.api.tenancy.TenantModulePreset;
import dev.tenantcore.api.tenancy.TenantPrimaryDomainChangedEvent;
import dev.tenantcore.api.tenancy.TenantReactivatedEvent;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.api.tenancy.TenantSignUpExpiredEvent;
import dev.tenantcore.api.tenancy.TenantSignUpRequestedEvent;
import dev.tenantcore.api.tenancy.TenantSignUpTokenReissuedEvent;
import dev.tenantcore.api.tenancy.TenantSignUpVerifiedEvent;
import dev.tenantcore.api.tenancy.TenantSuspendedEvent;
import dev.tenantcore.api.tenancy.TenantTrialConvertedEvent;
import dev.tenantcore.api.tenancy.TenantTrialEndedEvent;
import dev.tenantcore.api.tenancy.VerifyTenantSignUpCommand;
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A self-served sign-up: a registration that waits for its owner's email, then a trial that ends. */
class TenantSignUpTest extends TenantAggregateTest {

    private static final TenantId PLATFORM = TenantId.PLATFORM;
    private static final UserId OWNER = UserId.random();
    private static final String HASH = "a".repeat(64);
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Instant TOKEN_EXPIRY = NOW.plus(Duration.ofHours(48));
    private static final Instant TRIAL_END = NOW.plus(Duration.ofDays(14));
    private static final String DOMAIN = "acme.tenantcore.test";

    private static RegisterTenantCommand signUp(String slug) {
        return new RegisterTenantCommand(
                ACME,
                "Acme",
                slug,
                List.of(slug + ".tenantcore.test"),
                TenantModulePreset.CRM_ONLY.modules(),
                "Retail",
                new SignUpVerification(OWNER, "owner@acme.example", HASH, TOKEN_EXPIRY));
    }

    private static Object registered() {
        return new TenantRegisteredEvent(ACME, "Acme", "acme", TenantModulePreset.CRM_ONLY.modules(), "Retail");
    }

    private static Object requested() {
        return new TenantSignUpRequestedEvent(ACME, OWNER, "owner@acme.example", HASH, TOKEN_EXPIRY);
    }

    private static Object[] pending() {
        return new Object[] {
            registered(),
            requested(),
            new TenantDomainAddedEvent(ACME, DOMAIN, null),
            new TenantPrimaryDomainChangedEvent(ACME, DOMAIN)
        };
    }

    private static Object verified() {
        return new TenantSignUpVerifiedEvent(ACME, OWNER, TRIAL_END);
    }

    private Object[] inTrial() {
        trials.started(ACME, TRIAL_END);
        return List.of(pending()[0], pending()[1], pending()[2], pending()[3], verified())
                .toArray();
    }

    private static VerifyTenantSignUpCommand verify(String hash, Instant at) {
        return new VerifyTenantSignUpCommand(ACME, hash, at, at.plus(Duration.ofDays(14)));
    }

    @Nested
    @DisplayName("signing up")
    class SigningUp {

        @Test
        @DisplayName(
                "a sign-up registers the tenant with its industry, pending before its trusted platform domain is added")
        void registersPending() {
            assertAccepted(
                    fixture.givenNoPriorActivity(),
                    signUp("acme"),
                    PLATFORM,
                    3L,
                    registered(),
                    requested(),
                    new TenantDomainAddedEvent(ACME, DOMAIN, null),
                    new TenantPrimaryDomainChangedEvent(ACME, DOMAIN));
            assertThat(keys.ownerOf(Scope.TENANT_SLUG, "acme")).contains(ACME.value());
            assertThat(keys.ownerOf(Scope.DOMAIN, DOMAIN)).contains(ACME.value());
            assertThat(signUps.bySlug("acme"))
                    .hasValueSatisfying(p -> assertThat(p.ownerEmail()).isEqualTo("owner@acme.example"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"www", "api", "admin", "platform", "mail"})
        @DisplayName("a reserved slug is refused and claims nothing")
        void reservedSlug(String slug) {
            assertRefused(fixture.givenNoPriorActivity(), signUp(slug), PLATFORM, ErrorCode.SLUG_RESERVED);
            assertThat(keys.ownerOf(Scope.TENANT_SLUG, slug)).isEmpty();
        }

        @Test
        @DisplayName("the platform itself may still register a tenant under a reserved slug")
        void platformMayUseReserved() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterTenantCommand(ACME, "Status", "status", null, null), from(PLATFORM))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("a slug another tenant holds is refused as taken")
        void slugTaken() {
            keys.claimed(Scope.TENANT_SLUG, "acme", GLOBEX.value());
            assertRefused(fixture.givenNoPriorActivity(), signUp("acme"), PLATFORM, ErrorCode.SLUG_TAKEN);
        }

        @Test
        @DisplayName("a sign-up without a token hash is refused as invalid")
        void needsTokenHash() {
            RegisterTenantCommand command = new RegisterTenantCommand(
                    ACME,
                    "Acme",
                    "acme",
                    List.of(DOMAIN),
                    TenantModulePreset.CRM_ONLY.modules(),
                    null,
                    new SignUpVerification(OWNER, "owner@acme.example", " ", TOKEN_EXPIRY));
            assertRefused(fixture.givenNoPriorActivity(), command, PLATFORM, ErrorCode.VALIDATION_FAILED);
        }
    }

    @Nested
    @DisplayName("verifying the owner's email")
    class Verifying {

        @Test
        @DisplayName("the token's hash before its expiry starts the trial and records when it ends")
        void startsTrial() {
            pendingRow();
            assertAccepted(fixture.given(pending()), verify(HASH, NOW), PLATFORM, 4L, verified());
            assertThat(trials.running).containsEntry(ACME, TRIAL_END);
            assertThat(signUps.pending).doesNotContainKey(ACME);
        }

        @Test
        @DisplayName("another token's hash is refused")
        void wrongToken() {
            assertRefused(
                    fixture.given(pending()), verify("b".repeat(64), NOW), PLATFORM, ErrorCode.SIGNUP_TOKEN_INVALID);
        }

        @Test
        @DisplayName("a token presented at or after its expiry is refused")
        void expired() {
            assertRefused(
                    fixture.given(pending()), verify(HASH, TOKEN_EXPIRY), PLATFORM, ErrorCode.SIGNUP_TOKEN_INVALID);
        }

        @Test
        @DisplayName("a token works once: after the verification it is refused")
        void usedOnce() {
            assertRefused(
                    fixture.given(inTrial()),
                    verify(HASH, NOW.plusSeconds(1)),
                    PLATFORM,
                    ErrorCode.SIGNUP_TOKEN_INVALID);
        }

        @Test
        @DisplayName("a tenant the platform registered has nothing to verify")
        void notASignUp() {
            assertRefused(
                    fixture.given(new TenantRegisteredEvent(ACME, "Acme", "acme", TenantModulePreset.FULL.modules())),
                    verify(HASH, NOW),
                    PLATFORM,
                    ErrorCode.SIGNUP_TOKEN_INVALID);
        }

        @Test
        @DisplayName("a tenant's own staff cannot verify a sign-up, only the platform's verification endpoint")
        void onlyThroughPlatform() {
            assertRefused(fixture.given(pending()), verify(HASH, NOW), ACME, ErrorCode.FORBIDDEN);
        }
    }

    @Nested
    @DisplayName("ending the trial")
    class EndingTrials {

        @Test
        @DisplayName("a trial that has run out ends, and its trial record goes")
        void ends() {
            Object[] history = inTrial();
            assertAccepted(
                    fixture.given(history),
                    new EndTenantTrialCommand(ACME, TRIAL_END),
                    PLATFORM,
                    5L,
                    new TenantTrialEndedEvent(ACME, TRIAL_END));
            assertThat(trials.running).doesNotContainKey(ACME);
        }

        @Test
        @DisplayName("a trial that has not run out yet is left running")
        void notYet() {
            Object[] history = inTrial();
            assertUnchanged(
                    fixture.given(history), new EndTenantTrialCommand(ACME, TRIAL_END.minusSeconds(1)), PLATFORM, 4L);
            assertThat(trials.running).containsKey(ACME);
        }

        @Test
        @DisplayName("a trial record with no running trial behind it is dropped")
        void staleRecord() {
            trials.started(ACME, NOW);
            assertUnchanged(fixture.given(pending()), new EndTenantTrialCommand(ACME, TRIAL_END), PLATFORM, 3L);
            assertThat(trials.running).doesNotContainKey(ACME);
        }

        @Test
        @DisplayName("only the platform ends trials")
        void onlyPlatform() {
            assertRefused(
                    fixture.given(inTrial()), new EndTenantTrialCommand(ACME, TRIAL_END), ACME, ErrorCode.FORBIDDEN);
        }

        @Test
        @DisplayName("reactivating an ended trial takes the tenant on as active")
        void convertsEnded() {
            List<Object> history = new ArrayList<>(List.of(inTrial()));
            history.add(new TenantTrialEndedEvent(ACME, TRIAL_END));
            assertAccepted(
                    fixture.given(history),
                    new ReactivateTenantCommand(ACME, null),
                    PLATFORM,
                    6L,
                    new TenantTrialConvertedEvent(ACME));
        }

        @Test
        @DisplayName("reactivating a running trial takes it on as active and drops its trial record")
        void convertsRunning() {
            assertAccepted(
                    fixture.given(inTrial()),
                    new ReactivateTenantCommand(ACME, null),
                    PLATFORM,
                    5L,
                    new TenantTrialConvertedEvent(ACME));
            assertThat(trials.running).doesNotContainKey(ACME);
        }

        @Test
        @DisplayName("reactivating a suspended trial lifts the suspension only: it stays a trial")
        void suspendedTrial() {
            List<Object> history = new ArrayList<>(List.of(inTrial()));
            history.add(new TenantSuspendedEvent(ACME, null));
            assertAccepted(
                    fixture.given(history),
                    new ReactivateTenantCommand(ACME, null),
                    PLATFORM,
                    6L,
                    new TenantReactivatedEvent(ACME));
            assertThat(trials.running).containsKey(ACME);
        }

        @Test
        @DisplayName("closing a trial tenant drops its trial record")
        void closing() {
            assertAccepted(
                    fixture.given(inTrial()),
                    new CloseTenantCommand(ACME, null, null),
                    PLATFORM,
                    5L,
                    new TenantClosedEvent(ACME, null));
            assertThat(trials.running).doesNotContainKey(ACME);
        }
    }

    private static final String NEW_HASH = "c".repeat(64);
    private static final Instant NEW_EXPIRY = TOKEN_EXPIRY.plus(Duration.ofHours(24));
    private static final Instant WINDOW_END = NOW.plus(Duration.ofDays(7));

    private void pendingRow() {
        signUps.requested(ACME, "acme", OWNER, "owner@acme.example", TOKEN_EXPIRY);
    }

    private static Object reissued() {
        return new TenantSignUpTokenReissuedEvent(ACME, OWNER, "owner@acme.example", NEW_HASH, NEW_EXPIRY);
    }

    private Object[] pendingAndReissued() {
        List<Object> history = new ArrayList<>(List.of(pending()));
        history.add(reissued());
        return history.toArray();
    }

    @Nested
    @DisplayName("resending the verification token")
    class Resending {

        @Test
        @DisplayName("a pending sign-up gets a new token, recorded by its hash with its new expiry")
        void reissues() {
            pendingRow();
            assertAccepted(
                    fixture.given(pending()),
                    new ReissueTenantSignUpTokenCommand(ACME, NEW_HASH, NEW_EXPIRY),
                    PLATFORM,
                    4L,
                    reissued());
            assertThat(signUps.pending.get(ACME).tokenExpiresAt()).isEqualTo(NEW_EXPIRY);
        }

        @Test
        @DisplayName("the new token verifies, until its own expiry")
        void newTokenVerifies() {
            assertAccepted(
                    fixture.given(pendingAndReissued()),
                    verify(NEW_HASH, TOKEN_EXPIRY.plusSeconds(1)),
                    PLATFORM,
                    5L,
                    new TenantSignUpVerifiedEvent(
                            ACME, OWNER, TOKEN_EXPIRY.plusSeconds(1).plus(Duration.ofDays(14))));
        }

        @Test
        @DisplayName("the superseded token no longer verifies, even before its own expiry")
        void oldTokenSuperseded() {
            assertRefused(
                    fixture.given(pendingAndReissued()), verify(HASH, NOW), PLATFORM, ErrorCode.SIGNUP_TOKEN_INVALID);
        }

        @Test
        @DisplayName("a verified sign-up gets no new token")
        void notAfterVerification() {
            assertRefused(
                    fixture.given(inTrial()),
                    new ReissueTenantSignUpTokenCommand(ACME, NEW_HASH, NEW_EXPIRY),
                    PLATFORM,
                    ErrorCode.SIGNUP_TOKEN_INVALID);
        }

        @Test
        @DisplayName("a tenant the platform registered gets no token")
        void notASignUp() {
            assertRefused(
                    fixture.given(new TenantRegisteredEvent(ACME, "Acme", "acme", TenantModulePreset.FULL.modules())),
                    new ReissueTenantSignUpTokenCommand(ACME, NEW_HASH, NEW_EXPIRY),
                    PLATFORM,
                    ErrorCode.SIGNUP_TOKEN_INVALID);
        }

        @Test
        @DisplayName("a new token without its hash is refused as invalid")
        void needsHash() {
            assertRefused(
                    fixture.given(pending()),
                    new ReissueTenantSignUpTokenCommand(ACME, " ", NEW_EXPIRY),
                    PLATFORM,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("only the platform's resend endpoint issues tokens, not the tenant's staff")
        void onlyPlatform() {
            assertRefused(
                    fixture.given(pending()),
                    new ReissueTenantSignUpTokenCommand(ACME, NEW_HASH, NEW_EXPIRY),
                    ACME,
                    ErrorCode.FORBIDDEN);
        }
    }

    @Nested
    @DisplayName("expiring a sign-up never verified")
    class Expiring {

        @Test
        @DisplayName("a sign-up whose token ran out expires and gives back its slug and domain")
        void expires() {
            keys.claimed(Scope.TENANT_SLUG, "acme", ACME.value());
            keys.claimed(Scope.DOMAIN, DOMAIN, ACME.value());
            pendingRow();
            assertAccepted(
                    fixture.given(pending()),
                    new ExpireTenantSignUpCommand(ACME, WINDOW_END),
                    PLATFORM,
                    4L,
                    new TenantSignUpExpiredEvent(ACME, "acme", WINDOW_END));
            assertThat(keys.ownerOf(Scope.TENANT_SLUG, "acme")).isEmpty();
            assertThat(keys.ownerOf(Scope.DOMAIN, DOMAIN)).isEmpty();
            assertThat(signUps.pending).doesNotContainKey(ACME);
        }

        @Test
        @DisplayName("a resent token that still runs keeps the sign-up until it runs out")
        void resentTokenStillRuns() {
            pendingRow();
            assertUnchanged(
                    fixture.given(pendingAndReissued()),
                    new ExpireTenantSignUpCommand(ACME, NEW_EXPIRY.minusSeconds(1)),
                    PLATFORM,
                    4L);
            assertThat(signUps.pending).containsKey(ACME);
        }

        @Test
        @DisplayName("an expired sign-up's token no longer verifies")
        void expiredDoesNotVerify() {
            List<Object> history = new ArrayList<>(List.of(pending()));
            history.add(new TenantSignUpExpiredEvent(ACME, "acme", WINDOW_END));
            assertRefused(fixture.given(history), verify(HASH, NOW), PLATFORM, ErrorCode.TENANT_CLOSED);
        }

        @Test
        @DisplayName("a verified sign-up does not expire, and its stale pending record is dropped")
        void verifiedStays() {
            pendingRow();
            assertUnchanged(fixture.given(inTrial()), new ExpireTenantSignUpCommand(ACME, WINDOW_END), PLATFORM, 4L);
            assertThat(signUps.pending).doesNotContainKey(ACME);
        }

        @Test
        @DisplayName("only the platform expires sign-ups")
        void onlyPlatform() {
            assertRefused(
                    fixture.given(pending()),
                    new ExpireTenantSignUpCommand(ACME, WINDOW_END),
                    ACME,
                    ErrorCode.FORBIDDEN);
        }
    }

    @Nested
    @DisplayName("billing status")
    class Billing {

        @Test
        @DisplayName("the platform changes a tenant's billing status")
        void changes() {
            assertAccepted(
                    fixture.given(pending()),
                    new ChangeTenantBillingStatusCommand(ACME, null, BillingStatus.PAST_DUE),
                    PLATFORM,
                    4L,
                    new TenantBillingStatusChangedEvent(ACME, BillingStatus.PAST_DUE));
        }

        @Test
        @DisplayName("the same billing status again changes nothing")
        void same() {
            assertUnchanged(
                    fixture.given(pending()),
                    new ChangeTenantBillingStatusCommand(ACME, null, BillingStatus.OK),
                    PLATFORM,
                    3L);
        }

        @Test
        @DisplayName("no billing status is refused as invalid")
        void missing() {
            assertRefused(
                    fixture.given(pending()),
                    new ChangeTenantBillingStatusCommand(ACME, null, null),
                    PLATFORM,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a tenant's own owner cannot change its billing status")
        void onlyPlatform() {
            assertRefused(
                    fixture.given(pending()),
                    new ChangeTenantBillingStatusCommand(ACME, null, BillingStatus.OK),
                    ACME,
                    ErrorCode.FORBIDDEN);
        }
    }
}
