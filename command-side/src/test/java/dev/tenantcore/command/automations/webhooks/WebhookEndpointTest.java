package dev.tenantcore.command.automations.webhooks;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.automations.webhooks.DeleteWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.DisableFailingWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.RegisterWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.RotateWebhookSecretCommand;
import dev.tenantcore.api.automations.webhooks.UpdateWebhookEndpointCommand;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointDeletedEvent;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointDisabledForFailuresEvent;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointRegisteredEvent;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointUpdatedEvent;
import dev.tenantcore.api.automations.webhooks.WebhookSecretRotatedEvent;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.OutboundHttpProperties;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WebhookEndpoint")
class WebhookEndpointTest {

    private static final WebhookEndpointId ENDPOINT = WebhookEndpointId.random();
    private static final String URL = "https://hooks.example.com/in";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant UNTIL = Instant.parse("2026-12-05T00:00:00Z");

    /** What the directory was told, in order. */
    private final List<String> told = new ArrayList<>();

    private final WebhookEndpointDirectory directory = new WebhookEndpointDirectory(null, null, null, null) {
        @Override
        void registered(
                WebhookEndpointId id,
                String url,
                Set<PublicEventType> types,
                String description,
                boolean enabled,
                UserId by,
                String secret,
                Instant at) {
            told.add("registered " + url + " " + secret);
        }

        @Override
        void updated(
                WebhookEndpointId id,
                String url,
                Set<PublicEventType> types,
                String description,
                boolean enabled,
                long version,
                Instant at) {
            told.add("updated " + enabled);
        }

        @Override
        void rotated(WebhookEndpointId id, String secret, Instant previousValidUntil, long version) {
            told.add("rotated " + secret);
        }

        @Override
        void disabledForFailures(WebhookEndpointId id, Instant failingSince, long version) {
            told.add("disabled");
        }

        @Override
        void deleted(WebhookEndpointId id) {
            told.add("deleted");
        }
    };

    /** Every name resolves to a public address, except {@code internal.example.com}. */
    private final EndpointAddresses addresses =
            new EndpointAddresses(new OutboundHttp(new OutboundHttpProperties(), host -> new InetAddress[] {
                InetAddress.getByName(host.equals("internal.example.com") ? "10.0.0.7" : "93.184.216.34")
            }));

    private final AggregateTestFixture<WebhookEndpoint> fixture =
            fixtureFor(WebhookEndpoint.class, addresses, directory);

    private static WebhookEndpointRegisteredEvent registered() {
        return new WebhookEndpointRegisteredEvent(
                ENDPOINT, ACME, URL, Set.of(PublicEventType.ORDER_PAID), "Orders to the ERP", true, null);
    }

    @Test
    @DisplayName("registering records the configuration and gives the secret to the credential store only")
    void register() {
        fixture.givenNoPriorActivity()
                .when(
                        new RegisterWebhookEndpointCommand(
                                ENDPOINT, URL, Set.of(PublicEventType.ORDER_PAID), "Orders to the ERP", true, SECRET),
                        from(ACME))
                .expectEvents(registered());
        assertThat(told).containsExactly("registered " + URL + " " + SECRET);
        assertThat(registered().toString()).doesNotContain(SECRET.substring(6));
    }

    @Test
    @DisplayName("a URL that is not https, or whose host is private, is refused with webhook_url_refused")
    void refusedUrls() {
        for (String url : List.of(
                "http://hooks.example.com/in",
                "https://internal.example.com/in",
                "https://user:pw@hooks.example.com/in",
                "ftp://hooks.example.com",
                "not a url")) {
            assertRefused(
                    fixture.givenNoPriorActivity(),
                    new RegisterWebhookEndpointCommand(ENDPOINT, url, Set.of(), null, true, SECRET),
                    ACME,
                    ErrorCode.WEBHOOK_URL_REFUSED);
        }
        assertThat(told).isEmpty();
    }

    @Test
    @DisplayName("a secret that is not whsec_ and 24 to 64 bytes of base64 is refused")
    void badSecret() {
        for (String secret : List.of("plain", "whsec_!!!", "whsec_AAAA")) {
            assertRefused(
                    fixture.givenNoPriorActivity(),
                    new RegisterWebhookEndpointCommand(ENDPOINT, URL, Set.of(), null, true, secret),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }
    }

    @Test
    @DisplayName("an update records the whole new configuration; the same values again record nothing")
    void update() {
        assertAccepted(
                fixture.given(registered()),
                new UpdateWebhookEndpointCommand(ENDPOINT, 0L, null, Set.of(), null, false),
                ACME,
                1L,
                new WebhookEndpointUpdatedEvent(ENDPOINT, URL, Set.of(), "Orders to the ERP", false));
        assertUnchanged(
                fixture.given(registered()),
                new UpdateWebhookEndpointCommand(ENDPOINT, null, URL, Set.of(PublicEventType.ORDER_PAID), null, true),
                ACME,
                0L);
        assertRefused(
                fixture.given(registered()),
                new UpdateWebhookEndpointCommand(ENDPOINT, null, "https://internal.example.com/x", null, null, null),
                ACME,
                ErrorCode.WEBHOOK_URL_REFUSED);
    }

    @Test
    @DisplayName("rotating the secret records until when the previous one signs, never a secret")
    void rotate() {
        String next = WebhookSignatures.newSecret();
        assertAccepted(
                fixture.given(registered()),
                new RotateWebhookSecretCommand(ENDPOINT, next, UNTIL),
                ACME,
                1L,
                new WebhookSecretRotatedEvent(ENDPOINT, UNTIL));
        assertThat(told).containsExactly("rotated " + next);
    }

    @Test
    @DisplayName("an endpoint failing for days is switched off once; a second report records nothing")
    void disableFailing() {
        Instant since = Instant.parse("2026-11-28T00:00:00Z");
        fixture.given(registered())
                .when(new DisableFailingWebhookEndpointCommand(ENDPOINT, since), from(ACME))
                .expectEvents(new WebhookEndpointDisabledForFailuresEvent(ENDPOINT, since));
        fixture.given(registered(), new WebhookEndpointDisabledForFailuresEvent(ENDPOINT, since))
                .when(new DisableFailingWebhookEndpointCommand(ENDPOINT, since), from(ACME))
                .expectNoEvents();
        assertThat(told).containsExactly("disabled");
    }

    @Test
    @DisplayName("switching a failing endpoint on again is an update")
    void reenable() {
        Instant since = Instant.parse("2026-11-28T00:00:00Z");
        assertAccepted(
                fixture.given(registered(), new WebhookEndpointDisabledForFailuresEvent(ENDPOINT, since)),
                new UpdateWebhookEndpointCommand(ENDPOINT, null, null, null, null, true),
                ACME,
                2L,
                new WebhookEndpointUpdatedEvent(
                        ENDPOINT, URL, Set.of(PublicEventType.ORDER_PAID), "Orders to the ERP", true));
    }

    @Test
    @DisplayName("deleting erases the secrets; a deleted endpoint is not found")
    void delete() {
        fixture.given(registered())
                .when(new DeleteWebhookEndpointCommand(ENDPOINT), from(ACME))
                .expectEvents(new WebhookEndpointDeletedEvent(ENDPOINT));
        assertThat(told).containsExactly("deleted");
        assertRefused(
                fixture.given(registered(), new WebhookEndpointDeletedEvent(ENDPOINT)),
                new RotateWebhookSecretCommand(ENDPOINT, WebhookSignatures.newSecret(), UNTIL),
                ACME,
                AggregateNotFoundException.class);
    }

    @Test
    @DisplayName("another tenant cannot change, rotate or delete the endpoint")
    void otherTenant() {
        assertRefused(
                fixture.given(registered()),
                new UpdateWebhookEndpointCommand(ENDPOINT, null, null, null, "Mine", null),
                GLOBEX,
                AggregateNotFoundException.class);
        assertRefused(
                fixture.given(registered()),
                new RotateWebhookSecretCommand(ENDPOINT, WebhookSignatures.newSecret(), UNTIL),
                GLOBEX,
                AggregateNotFoundException.class);
        assertRefused(
                fixture.given(registered()),
                new DeleteWebhookEndpointCommand(ENDPOINT),
                GLOBEX,
                AggregateNotFoundException.class);
        assertThat(told).isEmpty();
    }
}
