package dev.tenantcore.command.crm.channel;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.conversation.ChannelConnectedEvent;
import dev.tenantcore.api.crm.conversation.ChannelDisconnectedEvent;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ChannelUpdatedEvent;
import dev.tenantcore.api.crm.conversation.ConnectChannelCommand;
import dev.tenantcore.api.crm.conversation.DisconnectChannelCommand;
import dev.tenantcore.api.crm.conversation.UpdateChannelCommand;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChannelConnection")
class ChannelConnectionTest {

    private static final ChannelId CHANNEL = ChannelId.random();
    private static final Map<String, String> WHATSAPP_SECRETS =
            Map.of("accessToken", "EAAG-token-123", "appSecret", "app-secret-123", "verifyToken", "verify-me-123");

    /** What the directory was asked to keep: secrets by name, the channel's row, whether it was removed. */
    private final Map<String, String> stored = new HashMap<>();

    private final boolean[] recorded = {false, false};

    /** The settings the directory was asked to keep, and the channels whose drivers were told they connected. */
    private final Map<String, String> recordedSettings = new HashMap<>();

    private final List<ChannelId> started = new java.util.ArrayList<>();

    private final ChannelDirectory directory = new ChannelDirectory(null, null) {
        @Override
        void record(ChannelId id, ChannelKind kind, String name, String accountId, long version, Instant at) {
            recorded[0] = true;
        }

        @Override
        void remove(ChannelId id) {
            recorded[1] = true;
            stored.clear();
        }

        @Override
        void storeSecrets(ChannelId id, Map<String, String> secrets) {
            stored.putAll(secrets);
        }

        @Override
        void recordSettings(ChannelId id, Map<String, String> settings) {
            recordedSettings.clear();
            recordedSettings.putAll(settings);
        }
    };

    private final AggregateTestFixture<ChannelConnection> fixture = fixtureFor(
            ChannelConnection.class,
            new ChannelDrivers(List.of(
                    new StubDriver(ChannelKind.WHATSAPP),
                    new StubDriver(ChannelKind.TELEGRAM),
                    new StubEmailDriver(started))),
            directory);

    private static final Map<String, String> MAILBOX =
            Map.of("imapHost", "imap.example.com", "imapUsername", "support", "address", "support@example.com");

    /** The settings as an email channel keeps them, defaults filled in. */
    private static Map<String, String> kept(Map<String, String> given) {
        Map<String, String> settings = new java.util.TreeMap<>(given);
        settings.putIfAbsent("folder", "INBOX");
        settings.putIfAbsent("imapSecurity", "tls");
        return settings;
    }

    private static ChannelConnectedEvent emailConnected() {
        return new ChannelConnectedEvent(
                CHANNEL, ACME, ChannelKind.EMAIL, "Support mail", null, Set.of("imapPassword"), null, kept(MAILBOX));
    }

    @Test
    @DisplayName("an email channel's settings are checked, recorded in the event and kept; its polling starts")
    void emailSettings() {
        fixture.givenNoPriorActivity()
                .when(
                        new ConnectChannelCommand(
                                CHANNEL,
                                ChannelKind.EMAIL,
                                "Support mail",
                                null,
                                Map.of("imapPassword", "imap-password-1"),
                                MAILBOX),
                        from(ACME))
                .expectEvents(emailConnected());
        assertThat(recordedSettings).isEqualTo(kept(MAILBOX));
        assertThat(stored).containsOnlyKeys("imapPassword");
        assertThat(started).containsExactly(CHANNEL);
    }

    @Test
    @DisplayName("a change of one setting keeps the others; the same settings again change nothing")
    void emailSettingsChange() {
        Map<String, String> moved = new HashMap<>(kept(MAILBOX));
        moved.put("folder", "Support");
        assertAccepted(
                fixture.given(emailConnected()),
                new UpdateChannelCommand(CHANNEL, 0L, null, null, null, Map.of("folder", "Support")),
                ACME,
                1L,
                new ChannelUpdatedEvent(CHANNEL, "Support mail", null, Set.of(), kept(moved)));
        assertThat(recordedSettings).isEqualTo(kept(moved));
        assertUnchanged(
                fixture.given(emailConnected()),
                new UpdateChannelCommand(CHANNEL, null, null, null, null, Map.of("folder", "INBOX")),
                ACME,
                0L);
    }

    @Test
    @DisplayName("settings a kind does not have, or that its driver refuses, are invalid")
    void settingsRefused() {
        for (ConnectChannelCommand command : List.of(
                new ConnectChannelCommand(
                        CHANNEL,
                        ChannelKind.TELEGRAM,
                        "Bot",
                        null,
                        Map.of("botToken", "123456:ABC-DEF"),
                        Map.of("imapHost", "x")),
                new ConnectChannelCommand(
                        CHANNEL,
                        ChannelKind.EMAIL,
                        "Mail",
                        null,
                        Map.of("imapPassword", "imap-password-1"),
                        Map.of("imapHost", "imap.example.com")))) {
            stored.clear();
            assertRefused(fixture.givenNoPriorActivity(), command, ACME, ErrorCode.VALIDATION_FAILED);
            assertThat(stored).isEmpty();
        }
        assertThat(started).isEmpty();
    }

    private static ChannelConnectedEvent connected() {
        return new ChannelConnectedEvent(
                CHANNEL,
                ACME,
                ChannelKind.WHATSAPP,
                "Support",
                "106540352242922",
                Set.of("accessToken", "appSecret", "verifyToken"),
                null);
    }

    @Test
    @DisplayName("connecting stores the secrets in the credential store and names them only in the event")
    void connect() {
        fixture.givenNoPriorActivity()
                .when(
                        new ConnectChannelCommand(
                                CHANNEL, ChannelKind.WHATSAPP, "Support", "106540352242922", WHATSAPP_SECRETS),
                        from(ACME))
                .expectEvents(connected());
        assertThat(stored).isEqualTo(WHATSAPP_SECRETS);
        assertThat(recorded[0]).isTrue();
    }

    @Test
    @DisplayName("a Telegram channel gets a webhook secret it never has to give")
    void generatedSecret() {
        fixture.givenNoPriorActivity()
                .when(
                        new ConnectChannelCommand(
                                CHANNEL, ChannelKind.TELEGRAM, "Bot", null, Map.of("botToken", "123456:ABC-DEF")),
                        from(ACME))
                .expectEvents(new ChannelConnectedEvent(
                        CHANNEL, ACME, ChannelKind.TELEGRAM, "Bot", null, Set.of("botToken", "webhookSecret"), null));
        assertThat(stored).containsKeys("botToken", "webhookSecret");
    }

    @Test
    @DisplayName("a missing secret, an unknown secret, a short secret, no name or no account id is refused as invalid")
    void refusals() {
        Map<String, String> missing = new HashMap<>(WHATSAPP_SECRETS);
        missing.remove("appSecret");
        Map<String, String> unknown = new HashMap<>(WHATSAPP_SECRETS);
        unknown.put("password", "something-long");
        Map<String, String> shortOne = new HashMap<>(WHATSAPP_SECRETS);
        shortOne.put("appSecret", "short");
        for (ConnectChannelCommand command : List.of(
                new ConnectChannelCommand(CHANNEL, ChannelKind.WHATSAPP, "Support", "1065", missing),
                new ConnectChannelCommand(CHANNEL, ChannelKind.WHATSAPP, "Support", "1065", unknown),
                new ConnectChannelCommand(CHANNEL, ChannelKind.WHATSAPP, "Support", "1065", shortOne),
                new ConnectChannelCommand(CHANNEL, ChannelKind.WHATSAPP, " ", "1065", WHATSAPP_SECRETS),
                new ConnectChannelCommand(CHANNEL, ChannelKind.WHATSAPP, "Support", null, WHATSAPP_SECRETS),
                new ConnectChannelCommand(CHANNEL, ChannelKind.WHATSAPP, "Support", "10/65", WHATSAPP_SECRETS),
                new ConnectChannelCommand(
                        CHANNEL,
                        ChannelKind.TELEGRAM,
                        "Bot",
                        null,
                        Map.of("botToken", "1:A", "webhookSecret", "x".repeat(20))),
                new ConnectChannelCommand(CHANNEL, null, "Support", "1065", WHATSAPP_SECRETS))) {
            stored.clear();
            assertRefused(fixture.givenNoPriorActivity(), command, ACME, ErrorCode.VALIDATION_FAILED);
            assertThat(stored).isEmpty();
        }
    }

    @Test
    @DisplayName("a change of name or secret is recorded without the secret's value; the same name changes nothing")
    void update() {
        assertAccepted(
                fixture.given(connected()),
                new UpdateChannelCommand(CHANNEL, 0L, "Sales", null, Map.of("accessToken", "EAAG-token-456")),
                ACME,
                1L,
                new ChannelUpdatedEvent(CHANNEL, "Sales", "106540352242922", Set.of("accessToken")));
        assertThat(stored).containsEntry("accessToken", "EAAG-token-456");
        assertUnchanged(
                fixture.given(connected()), new UpdateChannelCommand(CHANNEL, null, "Support", null, null), ACME, 0L);
    }

    @Test
    @DisplayName("disconnecting forgets the channel and its secrets")
    void disconnect() {
        fixture.given(connected())
                .when(new DisconnectChannelCommand(CHANNEL), from(ACME))
                .expectEvents(new ChannelDisconnectedEvent(CHANNEL));
        assertThat(recorded[1]).isTrue();
    }

    @Test
    @DisplayName("another tenant cannot change or disconnect the channel")
    void otherTenant() {
        assertRefused(
                fixture.given(connected()),
                new UpdateChannelCommand(CHANNEL, null, "Mine", null, null),
                GLOBEX,
                AggregateNotFoundException.class);
        assertRefused(
                fixture.given(connected()),
                new DisconnectChannelCommand(CHANNEL),
                GLOBEX,
                AggregateNotFoundException.class);
        assertThat(recorded[1]).isFalse();
    }

    /** An email driver's settings rule (host, username and address required; defaults filled in), without IMAP. */
    private record StubEmailDriver(List<ChannelId> started) implements ChannelDriver {

        @Override
        public ChannelKind kind() {
            return ChannelKind.EMAIL;
        }

        @Override
        public Set<String> secretNames() {
            return Set.of("imapPassword");
        }

        @Override
        public boolean needsAccountId() {
            return false;
        }

        @Override
        public Map<String, String> settings(Map<String, String> given) {
            if (given == null || !given.keySet().containsAll(MAILBOX.keySet())) {
                throw dev.tenantcore.command.common.Rules.invalid(
                        "settings.imapHost, imapUsername and address are required");
            }
            return kept(given);
        }

        @Override
        public void connected(dev.tenantcore.api.common.TenantId tenant, ChannelId channel) {
            started.add(channel);
        }

        @Override
        public ChannelIdentity validate(ChannelCredentials credentials) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SentMessage send(ChannelCredentials credentials, OutboundMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InboundDelivery verify(ChannelCredentials credentials, Map<String, String> headers, String body) {
            throw new UnsupportedOperationException();
        }
    }

    /** The secrets and account rules of the real drivers, without their HTTP. */
    private record StubDriver(ChannelKind kind) implements ChannelDriver {

        @Override
        public Set<String> secretNames() {
            return kind == ChannelKind.WHATSAPP
                    ? Set.of("accessToken", "appSecret", "verifyToken")
                    : Set.of("botToken", "webhookSecret");
        }

        @Override
        public Map<String, String> generatedSecrets() {
            return kind == ChannelKind.TELEGRAM ? Map.of("webhookSecret", "generated-secret-1") : Map.of();
        }

        @Override
        public boolean needsAccountId() {
            return kind == ChannelKind.WHATSAPP;
        }

        @Override
        public ChannelIdentity validate(ChannelCredentials credentials) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SentMessage send(ChannelCredentials credentials, OutboundMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InboundDelivery verify(ChannelCredentials credentials, Map<String, String> headers, String body) {
            throw new UnsupportedOperationException();
        }
    }
}
