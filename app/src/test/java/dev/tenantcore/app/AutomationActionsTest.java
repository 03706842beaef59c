package dev.tenantcore.app;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.Webhooks;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The actions of automation rules that reach outside the rule, end to end: a template mailed to a
 * real SMTP server (GreenMail), a reply through the Telegram Bot API (a WireMock stub of it), a
 * message to an outbound webhook endpoint (a WireMock receiver, its signature checked with the
 * specification's algorithm), a contact's owner, a lead's status and a conversation's assignee; each
 * done once even when the triggering events are delivered to the rules again; and another tenant
 * unable to name this shop's endpoint in a rule.
 */
@DisplayName("Automation actions")
class AutomationActionsTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(30);
    private static final String RULES = "/api/v1/automations/rules";
    private static final String ENDPOINTS = "/api/v1/automations/webhook-endpoints";
    private static final String PUBLIC_URL = "https://api.tenantcore.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static final WireMockExtension receiver = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @RegisterExtension
    static final WireMockExtension telegram = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStore events;

    // Before each test: a nested class's end stops the stubs, and the next one starts them on new ports.
    @BeforeEach
    void pointDriversAtStubs() {
        System.setProperty("app.channels.telegram.base-url", telegram.baseUrl());
        System.setProperty("app.channels.public-url", PUBLIC_URL);
    }

    @AfterAll
    static void forgetStubs() {
        System.clearProperty("app.channels.telegram.base-url");
        System.clearProperty("app.channels.public-url");
    }

    private static Map<String, Object> rule(String trigger, Object... actions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Rule " + UUID.randomUUID().toString().substring(0, 8));
        body.put("trigger", trigger);
        body.put("actions", List.of(actions));
        return body;
    }

    private String enabledRule(Map<String, Object> body) {
        Api.Response created = submit(owner, RULES, body);
        created.assertStatus(201);
        String id = created.json().get("id").asText();
        api.post(RULES + "/" + id + "/enable").in(shop, owner).send().assertStatus(200);
        return id;
    }

    private JsonNode runs(String rule) {
        Api.Response page =
                api.get(RULES + "/" + rule + "/runs").in(shop, owner).send();
        page.assertStatus(200);
        return page.json().get("items");
    }

    private JsonNode awaitCompletedRun(String rule) {
        return await().atMost(SETTLED)
                .until(
                        () -> {
                            JsonNode items = runs(rule);
                            return items.size() == 1
                                            && "completed"
                                                    .equals(items.get(0)
                                                            .get("status")
                                                            .asText())
                                    ? items.get(0)
                                    : null;
                        },
                        java.util.Objects::nonNull);
    }

    private String userId(String token) {
        return api.get("/api/v1/account")
                .in(shop, token)
                .send()
                .json()
                .get("id")
                .asText();
    }

    private void useGreenMail() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("senderName", "Shop Mailer");
        settings.put("senderAddress", "shop@" + shop.domain());
        settings.put("provider", "smtp");
        settings.put("smtpHost", "127.0.0.1");
        settings.put("smtpPort", mail.getSmtp().getPort());
        settings.put("smtpSecurity", "none");
        api.put("/api/v1/email/settings").in(shop, owner).json(settings).send().assertStatus(200);
    }

    private List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(address)) {
                    found.add(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private record Endpoint(String id, String secret, String path) {}

    private Endpoint endpoint(Platform.Shop in, String token) {
        String path = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(path).willReturn(ok("thanks")));
        // It subscribes to an event no test causes: what it receives is the rule's call.
        Api.Response created = api.post(ENDPOINTS)
                .in(in, token)
                .json(Map.of("url", receiver.baseUrl() + path, "eventTypes", List.of("invoice.voided")))
                .send();
        created.assertStatus(201);
        return new Endpoint(
                created.json().get("endpoint").get("id").asText(),
                created.json().get("secret").asText(),
                path);
    }

    private List<LoggedRequest> received(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private String newContact(String email) {
        Api.Response created = api.post("/api/v1/contacts")
                .in(shop, owner)
                .json(Map.of("name", "Ann Lee", "emails", List.of(email)))
                .send();
        created.assertStatus(201);
        return created.json().get("id").asText();
    }

    /**
     * Delivers every event since {@code since} to the rules again, as after a lost token or a node
     * that died before it stored its progress, and waits until the processor has caught up.
     */
    private void redeliverSince(Instant since) {
        StreamingEventProcessor processor = processing
                .eventProcessor("automation-runs", StreamingEventProcessor.class)
                .orElseThrow();
        long head = events.createHeadToken().position().orElse(0);
        processor.shutDown();
        processor.resetTokens(source -> source.createTokenAt(since));
        processor.start();
        // Every segment has read again up to where the store stood before the reset.
        await().atMost(SETTLED)
                .until(() -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream()
                                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
    }

    @Nested
    @DisplayName("a new contact")
    class NewContact {

        @Test
        @DisplayName(
                "is mailed the template over SMTP, given an owner and announced to the webhook endpoint, each once, also when its event is delivered again")
        void mailOwnerWebhookOnce() throws Exception {
            useGreenMail();
            Endpoint endpoint = endpoint(shop, owner);
            String me = userId(owner);
            String rule = enabledRule(rule(
                    "contact.created",
                    Map.of("type", "send_email", "template", "lead_confirmation"),
                    Map.of("type", "set_owner", "ownerId", me),
                    Map.of("type", "call_webhook", "endpointId", endpoint.id())));
            Instant before = Instant.now().minusSeconds(1);
            String email = "ann." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String contact = newContact(email);

            JsonNode run = awaitCompletedRun(rule);
            assertThat(run.get("steps")).hasSize(3);
            run.get("steps")
                    .forEach(step -> assertThat(step.get("status").asText()).isEqualTo("done"));
            assertThat(run.get("steps").get(0).get("action").get("template").asText())
                    .isEqualTo("lead_confirmation");

            MimeMessage received = await().atMost(SETTLED)
                    .until(() -> mailsTo(email), list -> !list.isEmpty())
                    .get(0);
            assertThat(received.getSubject()).isEqualTo("We received your message");
            assertThat(received.getFrom()[0].toString()).contains("shop@" + shop.domain());

            await().atMost(SETTLED)
                    .untilAsserted(() -> assertThat(api.get("/api/v1/contacts/" + contact)
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("ownerId")
                                    .asText())
                            .isEqualTo(me));

            LoggedRequest call = await().atMost(SETTLED)
                    .until(() -> received(endpoint.path()), list -> !list.isEmpty())
                    .get(0);
            assertThat(OutboundWebhooksTest.verifiedSignatures(endpoint.secret(), call))
                    .isEqualTo(1);
            JsonNode body = JSON.readTree(call.getBodyAsString());
            assertThat(body.get("type").asText()).isEqualTo("contact.created");
            assertThat(body.get("data").get("contactId").asText()).isEqualTo(contact);
            // The message's id is the step's, not the event's: another rule's call of the same event
            // is another message.
            assertThat(call.getHeader("webhook-id")).isNotEqualTo(body.get("id").asText());
            String webhookId = call.getHeader("webhook-id");

            redeliverSince(before);
            assertThat(runs(rule)).hasSize(1);
            // Give a second mail or call every chance to arrive before counting.
            await().pollDelay(Duration.ofSeconds(2)).atMost(SETTLED).until(() -> true);
            assertThat(mailsTo(email)).hasSize(1);
            assertThat(received(endpoint.path())).hasSize(1);
            assertThat(received(endpoint.path()).get(0).getHeader("webhook-id")).isEqualTo(webhookId);
            assertThat(asTenant(
                            shop,
                            () -> jdbc.queryForObject(
                                    "SELECT count(*) FROM email_deliveries WHERE recipient = ?", Integer.class, email)))
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("a dry run shows the email, owner and webhook it would have sent, and sends nothing")
        void dryRunShowsTheActions() {
            Endpoint endpoint = endpoint(shop, owner);
            Instant from = Instant.now().minusSeconds(1);
            String email = "dry." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            newContact(email);
            Api.Response created = submit(
                    owner,
                    RULES,
                    rule(
                            "contact.created",
                            Map.of("type", "send_email", "template", "lead_confirmation"),
                            Map.of("type", "call_webhook", "endpointId", endpoint.id())));
            String rule = created.json().get("id").asText();
            JsonNode dry = await().atMost(SETTLED)
                    .until(
                            () -> api.post(RULES + "/" + rule + "/dry-run")
                                    .in(shop, owner)
                                    .json(Map.of(
                                            "from",
                                            from.toString(),
                                            "to",
                                            Instant.now().plusSeconds(1).toString()))
                                    .send()
                                    .json(),
                            json -> json.get("matched").asLong() == 1);
            JsonNode actions = dry.get("matches").get(0).get("actions");
            assertThat(actions.get(0).get("type").asText()).isEqualTo("send_email");
            assertThat(actions.get(1).get("endpointId").asText()).isEqualTo(endpoint.id());
            assertThat(mailsTo(email)).isEmpty();
            assertThat(received(endpoint.path())).isEmpty();
        }
    }

    @Nested
    @DisplayName("a tagged contact")
    class TaggedContact {

        @Test
        @DisplayName("gets a task assigned and due as the rule says, once, also when its event is delivered again")
        void createsTaskOnce() {
            String me = userId(owner);
            String rule = enabledRule(rule(
                    "contact.tagged",
                    Map.of("type", "create_task", "title", "Call the new VIP", "dueIn", "P2D", "assigneeId", me)));
            Instant before = Instant.now().minusSeconds(1);
            String contact = newContact("vip." + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
            api.post("/api/v1/contacts/" + contact + "/tags")
                    .in(shop, owner)
                    .json(Map.of("tag", "vip"))
                    .send()
                    .assertStatus(200);

            JsonNode run = awaitCompletedRun(rule);
            assertThat(run.get("steps").get(0).get("action").get("dueIn").asText())
                    .isEqualTo("P2D");
            JsonNode tasks = await().atMost(SETTLED)
                    .until(
                            () -> api.get("/api/v1/contacts/" + contact + "/tasks")
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("items"),
                            items -> items.size() == 1);
            JsonNode task = tasks.get(0);
            assertThat(task.get("title").asText()).isEqualTo("Call the new VIP");
            assertThat(task.get("assigneeId").asText()).isEqualTo(me);
            assertThat(task.get("createdBy").isNull()).isTrue();
            assertThat(Instant.parse(task.get("dueAt").asText()))
                    .isBetween(before.plus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(2)));
            JsonNode mine = api.get("/api/v1/tasks?assignee=me&status=open")
                    .in(shop, owner)
                    .send()
                    .json()
                    .get("items");
            assertThat(mine).hasSize(1);

            redeliverSince(before);
            assertThat(runs(rule)).hasSize(1);
            await().pollDelay(Duration.ofSeconds(1)).atMost(SETTLED).until(() -> true);
            assertThat(api.get("/api/v1/contacts/" + contact + "/tasks")
                            .in(shop, owner)
                            .send()
                            .json()
                            .get("items"))
                    .hasSize(1);
        }

        @Test
        @DisplayName("is written to in its latest open conversation when the event names no conversation")
        void messageIntoLatestConversation() throws Exception {
            String bot = (100000 + (int) (Math.random() * 800000)) + ":AAH"
                    + UUID.randomUUID().toString().replace("-", "");
            telegram.stubFor(post("/bot" + bot + "/setWebhook").willReturn(okJson("{\"ok\":true,\"result\":true}")));
            telegram.stubFor(post("/bot" + bot + "/sendMessage")
                    .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":901,\"chat\":{\"id\":778}}}")));
            Api.Response channel = api.post("/api/v1/channels")
                    .in(shop, owner)
                    .json(Map.of("kind", "telegram", "name", "Shop bot", "secrets", Map.of("botToken", bot)))
                    .send();
            channel.assertStatus(201);
            String path = channel.json().get("webhook").get("path").asText();
            String secret = JSON.readTree(telegram.findAll(postRequestedFor(urlEqualTo("/bot" + bot + "/setWebhook")))
                            .get(0)
                            .getBodyAsString())
                    .get("secret_token")
                    .asText();
            String update = "{\"update_id\":2,\"message\":{\"message_id\":2,\"date\":"
                    + Instant.now().getEpochSecond()
                    + ",\"from\":{\"id\":778,\"is_bot\":false,\"first_name\":\"Bea\"},"
                    + "\"chat\":{\"id\":778,\"type\":\"private\"},\"text\":\"Hi\"}}";
            new Webhooks(api)
                    .deliver(path, update, Map.of("X-Telegram-Bot-Api-Secret-Token", secret))
                    .assertStatus(200);
            String contact = await().atMost(SETTLED)
                    .until(
                            () -> api.get("/api/v1/conversations")
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("items"),
                            items -> items.size() == 1)
                    .get(0)
                    .get("contactId")
                    .asText();

            String rule =
                    enabledRule(rule("contact.tagged", Map.of("type", "send_message", "text", "You are a VIP now")));
            api.post("/api/v1/contacts/" + contact + "/tags")
                    .in(shop, owner)
                    .json(Map.of("tag", "vip"))
                    .send()
                    .assertStatus(200);

            awaitCompletedRun(rule);
            List<LoggedRequest> sends = await().atMost(SETTLED)
                    .until(
                            () -> telegram.findAll(postRequestedFor(urlEqualTo("/bot" + bot + "/sendMessage"))),
                            list -> !list.isEmpty());
            JsonNode sent = JSON.readTree(sends.get(0).getBodyAsString());
            assertThat(sent.get("text").asText()).isEqualTo("You are a VIP now");
            assertThat(sent.get("chat_id").asText()).isEqualTo("778");

            // A contact with no conversation: the step fails at once with the reason, and is not retried.
            String lonely = newContact("lonely." + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
            api.post("/api/v1/contacts/" + lonely + "/tags")
                    .in(shop, owner)
                    .json(Map.of("tag", "vip"))
                    .send()
                    .assertStatus(200);
            JsonNode parked = await().atMost(SETTLED)
                    .until(
                            () -> {
                                for (JsonNode run : runs(rule)) {
                                    if ("parked".equals(run.get("status").asText())) {
                                        return run;
                                    }
                                }
                                return null;
                            },
                            java.util.Objects::nonNull);
            assertThat(parked.get("error").asText()).contains("has no open conversation");
            assertThat(parked.get("steps").get(0).get("attempts").asInt()).isEqualTo(1);
            assertThat(telegram.findAll(postRequestedFor(urlEqualTo("/bot" + bot + "/sendMessage"))))
                    .hasSize(1);
        }
    }

    @Nested
    @DisplayName("a submitted lead")
    class SubmittedLead {

        @Test
        @DisplayName("is moved to contacted by the rule")
        void leadContacted() {
            api.post("/api/v1/lead-forms")
                    .in(shop, owner)
                    .json(Map.of(
                            "formKey",
                            "contact",
                            "name",
                            "Contact us",
                            "fields",
                            List.of(
                                    Map.of("key", "name", "label", "Name", "type", "text", "required", true),
                                    Map.of("key", "email", "label", "Email", "type", "email", "required", true))))
                    .send()
                    .assertStatus(201);
            String rule = enabledRule(rule("lead.submitted", Map.of("type", "set_lead_status", "status", "contacted")));
            api.post("/api/v1/public/forms/contact")
                    .origin(shop.domain())
                    .header("X-Forwarded-For", "198.18.7." + (1 + (int) (Math.random() * 250)))
                    .json(Map.of("fields", Map.of("name", "Bea", "email", "bea@example.com")))
                    .send()
                    .assertStatus(202);
            awaitCompletedRun(rule);
            await().atMost(SETTLED).untilAsserted(() -> {
                JsonNode leads =
                        api.get("/api/v1/leads").in(shop, owner).send().json().get("items");
                assertThat(leads).hasSize(1);
                assertThat(leads.get(0).get("status").asText()).isEqualTo("contacted");
            });
        }
    }

    @Nested
    @DisplayName("a customer's message")
    class CustomerMessage {

        @Test
        @DisplayName("is answered through the Telegram Bot API and its conversation assigned, once each")
        void replyAndAssign() throws Exception {
            String bot = (100000 + (int) (Math.random() * 800000)) + ":AAH"
                    + UUID.randomUUID().toString().replace("-", "");
            telegram.stubFor(post("/bot" + bot + "/setWebhook").willReturn(okJson("{\"ok\":true,\"result\":true}")));
            telegram.stubFor(post("/bot" + bot + "/sendMessage")
                    .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":900,\"chat\":{\"id\":777}}}")));
            Api.Response channel = api.post("/api/v1/channels")
                    .in(shop, owner)
                    .json(Map.of("kind", "telegram", "name", "Shop bot", "secrets", Map.of("botToken", bot)))
                    .send();
            channel.assertStatus(201);
            String path = channel.json().get("webhook").get("path").asText();
            String secret = JSON.readTree(telegram.findAll(postRequestedFor(urlEqualTo("/bot" + bot + "/setWebhook")))
                            .get(0)
                            .getBodyAsString())
                    .get("secret_token")
                    .asText();
            String me = userId(owner);
            String rule = enabledRule(rule(
                    "message.received",
                    Map.of("type", "send_message", "text", "Thanks, we are on it"),
                    Map.of("type", "assign_conversation", "assigneeId", me)));

            String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":"
                    + Instant.now().getEpochSecond()
                    + ",\"from\":{\"id\":777,\"is_bot\":false,\"first_name\":\"Ann\"},"
                    + "\"chat\":{\"id\":777,\"type\":\"private\"},\"text\":\"Hola\"}}";
            new Webhooks(api)
                    .deliver(path, update, Map.of("X-Telegram-Bot-Api-Secret-Token", secret))
                    .assertStatus(200);

            awaitCompletedRun(rule);
            List<LoggedRequest> sends = await().atMost(SETTLED)
                    .until(
                            () -> telegram.findAll(postRequestedFor(urlEqualTo("/bot" + bot + "/sendMessage"))),
                            list -> !list.isEmpty());
            JsonNode sent = JSON.readTree(sends.get(0).getBodyAsString());
            assertThat(sent.get("text").asText()).isEqualTo("Thanks, we are on it");
            assertThat(sent.get("chat_id").asText()).isEqualTo("777");
            await().atMost(SETTLED).untilAsserted(() -> {
                JsonNode conversations = api.get("/api/v1/conversations")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("items");
                assertThat(conversations).hasSize(1);
                assertThat(conversations.get(0).get("assigneeId").asText()).isEqualTo(me);
            });
            await().pollDelay(Duration.ofSeconds(1)).atMost(SETTLED).until(() -> true);
            assertThat(telegram.findAll(postRequestedFor(urlEqualTo("/bot" + bot + "/sendMessage"))))
                    .hasSize(1);
        }
    }

    @Nested
    @DisplayName("what a rule may name")
    class References {

        @Test
        @DisplayName("an unknown template, lead status or endpoint is refused with 422 and where it is")
        void unknownReferences() {
            Api.Response template = submit(
                    owner, RULES, rule("contact.created", Map.of("type", "send_email", "template", "newsletter")));
            template.assertProblem(422, "invalid_rule_action");
            assertThat(template.json().get("detail").asText()).startsWith("actions[0].template");
            submit(owner, RULES, rule("lead.submitted", Map.of("type", "set_lead_status", "status", "won")))
                    .assertProblem(422, "invalid_rule_action");
            Api.Response endpoint = submit(
                    owner,
                    RULES,
                    rule(
                            "contact.created",
                            Map.of("type", "add_tag", "tag", "x"),
                            Map.of(
                                    "type",
                                    "call_webhook",
                                    "endpointId",
                                    UUID.randomUUID().toString())));
            endpoint.assertProblem(422, "invalid_rule_action");
            assertThat(endpoint.json().get("detail").asText()).startsWith("actions[1].endpointId");
            Api.Response task = submit(
                    owner,
                    RULES,
                    rule(
                            "contact.created",
                            Map.of("type", "add_tag", "tag", "x"),
                            Map.of("type", "create_task", "title", "Call", "dueIn", "soon")));
            task.assertProblem(422, "invalid_rule_action");
            assertThat(task.json().get("detail").asText()).startsWith("actions[1].dueIn");
            Api.Response untitled =
                    submit(owner, RULES, rule("contact.created", Map.of("type", "create_task", "title", " ")));
            untitled.assertProblem(422, "invalid_rule_action");
            assertThat(untitled.json().get("detail").asText()).startsWith("actions[0].title");
        }

        @Test
        @DisplayName("another tenant cannot name this shop's webhook endpoint in its rules, and learns nothing of it")
        void anotherTenantsEndpoint() throws IOException {
            Endpoint mine = endpoint(shop, owner);
            Platform.Shop other = platform.newShop();
            String intruder = platform.ownerToken(other);
            Api.Response refused = api.post(RULES)
                    .in(other, intruder)
                    .json(rule("contact.created", Map.of("type", "call_webhook", "endpointId", mine.id())))
                    .send();
            refused.assertProblem(422, "invalid_rule_action");
            assertThat(refused.body()).doesNotContain(receiver.baseUrl()).doesNotContain(mine.path());
            // Nor by changing a rule of its own.
            String theirs = api.post(RULES)
                    .in(other, intruder)
                    .json(rule("contact.created", Map.of("type", "add_tag", "tag", "x")))
                    .send()
                    .json()
                    .get("id")
                    .asText();
            api.patch(RULES + "/" + theirs)
                    .in(other, intruder)
                    .ifMatch(0)
                    .json(Map.of("actions", List.of(Map.of("type", "call_webhook", "endpointId", mine.id()))))
                    .send()
                    .assertProblem(422, "invalid_rule_action");
        }
    }
}
