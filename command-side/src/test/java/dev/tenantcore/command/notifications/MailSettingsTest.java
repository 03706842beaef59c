package dev.tenantcore.command.notifications;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.notifications.ChangeMailSettingsCommand;
import dev.tenantcore.api.notifications.DisableMailSettingsCommand;
import dev.tenantcore.api.notifications.MailSender;
import dev.tenantcore.api.notifications.MailSettingsChangedEvent;
import dev.tenantcore.api.notifications.MailSettingsDisabledEvent;
import dev.tenantcore.api.notifications.MailSettingsId;
import dev.tenantcore.api.notifications.SecretChange;
import dev.tenantcore.infra.mail.MailSenderRecords;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("mail settings")
class MailSettingsTest {

    private static final MailSettingsId ACME_MAIL = MailSettingsId.of(ACME);
    private static final MailSender SMTP =
            new MailSender("Acme", "shop@acme.example", null, "smtp", "mail.acme.example", 587, "starttls", "shop");
    private static final MailSender SENDGRID =
            new MailSender("Acme", "shop@acme.example", "help@acme.example", "sendgrid", null, null, null, null);

    /** The record the sender reads, on fields: what the commands wrote. */
    static final class Records implements MailSenderRecords {
        Current legacy;
        MailSender sender;
        long version;
        boolean enabled;
        String secret;

        @Override
        public Optional<Current> current() {
            return Optional.ofNullable(legacy);
        }

        @Override
        public void saved(TenantId tenant, MailSender saved, long at) {
            sender = saved;
            version = at;
            enabled = true;
        }

        @Override
        public void secretReplaced(String replaced) {
            secret = replaced;
        }

        @Override
        public void secretRemoved() {
            secret = null;
        }

        @Override
        public void disabled(long at) {
            version = at;
            enabled = false;
        }
    }

    private final Records records = new Records();
    private final FixtureConfiguration<MailSettings> fixture = fixtureFor(MailSettings.class, records);

    private static MailSettingsChangedEvent changed(MailSender sender, SecretChange secret, long version) {
        return new MailSettingsChangedEvent(ACME_MAIL, ACME, sender, secret, version);
    }

    @Nested
    @DisplayName("a change")
    class Changing {

        @Test
        @DisplayName(
                "sets the sender up at version 1 without If-Match, and records that a secret was stored, not which")
        void firstSetup() {
            fixture.givenNoPriorActivity()
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, null, SMTP, "s3cret-password"), from(ACME))
                    .expectEvents(changed(SMTP, SecretChange.REPLACED, 1))
                    .expectResultMessagePayload(1L);
            assertThat(records.secret).isEqualTo("s3cret-password");
            assertThat(records.sender).isEqualTo(SMTP);
            assertThat(records.version).isEqualTo(1);
            assertThat(changed(SMTP, SecretChange.REPLACED, 1).toString()).doesNotContain("s3cret");
            assertThat(new ChangeMailSettingsCommand(ACME_MAIL, null, SMTP, "s3cret-password").toString())
                    .doesNotContain("s3cret");
        }

        @Test
        @DisplayName("keeps the stored secret when none is sent and the provider stays")
        void keepsSecret() {
            records.secret = "kept";
            MailSender moved =
                    new MailSender("Acme", "shop@acme.example", null, "smtp", "mail2.acme.example", 465, "tls", "shop");
            fixture.given(changed(SMTP, SecretChange.REPLACED, 1))
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, 1L, moved, null), from(ACME))
                    .expectEvents(changed(moved, SecretChange.UNCHANGED, 2));
            assertThat(records.secret).isEqualTo("kept");
        }

        @Test
        @DisplayName("forgets the secret when the provider changes to SMTP without a user or password")
        void forgetsSecret() {
            records.secret = "sendgrid-key";
            MailSender open =
                    new MailSender("Acme", "shop@acme.example", null, "smtp", "relay.example", 25, "none", null);
            fixture.given(changed(SENDGRID, SecretChange.REPLACED, 1))
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, 1L, open, null), from(ACME))
                    .expectEvents(changed(open, SecretChange.REMOVED, 2));
            assertThat(records.secret).isNull();
        }

        @Test
        @DisplayName("once set up, without If-Match is refused with precondition_required, recording nothing")
        void needsIfMatch() {
            fixture.given(changed(SMTP, SecretChange.REPLACED, 1))
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, null, SENDGRID, "new-key-123"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.PRECONDITION_REQUIRED));
            assertThat(records.secret).isNull();
        }

        @Test
        @DisplayName("based on an older version is refused with version_conflict, recording nothing")
        void stale() {
            fixture.given(changed(SMTP, SecretChange.REPLACED, 1), changed(SMTP, SecretChange.UNCHANGED, 2))
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, 1L, SENDGRID, "new-key-123"), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VERSION_CONFLICT));
        }

        @Test
        @DisplayName("refuses SendGrid without a key, SMTP without its host and an SMTP user without a password")
        void incomplete() {
            fixture.givenNoPriorActivity()
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, null, SENDGRID, null), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
            fixture.givenNoPriorActivity()
                    .when(
                            new ChangeMailSettingsCommand(
                                    ACME_MAIL,
                                    null,
                                    new MailSender("Acme", "a@acme.example", null, "smtp", null, 25, "none", null),
                                    null),
                            from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
            fixture.givenNoPriorActivity()
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, null, SMTP, null), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
            assertThat(records.sender).isNull();
        }

        @Test
        @DisplayName("takes over settings saved before they were events, with their version and secret")
        void takesOver() {
            records.legacy = new MailSenderRecords.Current(true, "sendgrid", 3, true);
            fixture.givenNoPriorActivity()
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, null, SENDGRID, null), from(ACME))
                    .expectException(refusedWith(ErrorCode.PRECONDITION_REQUIRED));
            fixture.givenNoPriorActivity()
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, 3L, SENDGRID, null), from(ACME))
                    .expectEvents(changed(SENDGRID, SecretChange.UNCHANGED, 4));
        }

        @Test
        @DisplayName("of another tenant's settings behaves as if they did not exist")
        void otherTenant() {
            fixture.given(changed(SMTP, SecretChange.REPLACED, 1))
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, 1L, SENDGRID, "their-key-123"), from(GLOBEX))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.givenNoPriorActivity()
                    .when(new ChangeMailSettingsCommand(ACME_MAIL, null, SENDGRID, "their-key-123"), from(GLOBEX))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            assertThat(records.secret).isNull();
        }
    }

    @Nested
    @DisplayName("disabling")
    class Disabling {

        @Test
        @DisplayName("turns the own sender off at the next version and forgets the secret")
        void disables() {
            records.secret = "s3cret";
            fixture.given(changed(SMTP, SecretChange.REPLACED, 1))
                    .when(new DisableMailSettingsCommand(ACME_MAIL), from(ACME))
                    .expectEvents(new MailSettingsDisabledEvent(ACME_MAIL, ACME, SecretChange.REMOVED, 2))
                    .expectResultMessagePayload(2L);
            assertThat(records.secret).isNull();
            assertThat(records.enabled).isFalse();
        }

        @Test
        @DisplayName("settings already off records nothing")
        void alreadyOff() {
            fixture.given(
                            changed(SMTP, SecretChange.REPLACED, 1),
                            new MailSettingsDisabledEvent(ACME_MAIL, ACME, SecretChange.REMOVED, 2))
                    .when(new DisableMailSettingsCommand(ACME_MAIL), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("without settings, or another tenant's, behaves as if they did not exist")
        void missing() {
            fixture.givenNoPriorActivity()
                    .when(new DisableMailSettingsCommand(ACME_MAIL), from(ACME))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(changed(SMTP, SecretChange.REPLACED, 1))
                    .when(new DisableMailSettingsCommand(ACME_MAIL), from(GLOBEX))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }
}
