package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leads and public forms end to end: owners define forms, visitors submit them anonymously on the
 * tenant's domain, staff work the leads through their pipeline and convert them into contacts.
 * Each test has its own shop, and its visitors their own client address (through the trusted
 * loopback proxy), so the per-address limit of the public form is only met where a test means to.
 */
@DisplayName("Leads and public forms")
class LeadsTest extends ApiTest {

    private static final String CONSENT = "You may contact me about my request.";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    Platform.Shop shop;
    String owner;
    String visitor;

    @BeforeEach
    void setUp() {
        shop = platform.newShop();
        owner = platform.ownerToken(shop);
        visitor = address();
    }

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(0, 255) + "." + random.nextInt(1, 255);
    }

    private static Map<String, Object> field(String key, String type, boolean required) {
        return Map.of("key", key, "label", key.toUpperCase(), "type", type, "required", required);
    }

    private static Map<String, Object> contactForm(String key) {
        return Map.of(
                "formKey",
                key,
                "name",
                "Contact us",
                "fields",
                List.of(
                        field("name", "text", true),
                        field("email", "email", true),
                        field("phone", "phone", false),
                        field("message", "text", false)),
                "questions",
                List.of(Map.of(
                        "key",
                        "budget",
                        "label",
                        "Budget",
                        "type",
                        "choice",
                        "required",
                        true,
                        "options",
                        List.of("small", "large"))),
                "consentText",
                CONSENT);
    }

    /** Creates the contact form {@code key} of the shop and returns its representation. */
    private JsonNode createForm(String key) {
        Api.Response created = api.post("/api/v1/lead-forms")
                .in(shop, owner)
                .returningRepresentation()
                .json(contactForm(key))
                .send();
        created.assertStatus(201);
        return created.json();
    }

    private static Map<String, Object> annsSubmission(String email) {
        return Map.of(
                "fields",
                Map.of("name", "Ann", "email", email, "phone", "+34 612 345 678", "message", "Call me"),
                "answers",
                Map.of("budget", "large"),
                "consent",
                true);
    }

    private Api.Response submit(Platform.Shop at, String key, Object body, String from) {
        return api.post("/api/v1/public/forms/" + key)
                .origin(at.domain())
                .header("X-Forwarded-For", from)
                .json(body)
                .send();
    }

    /** The shop's leads once the read model lists {@code count} of them, newest first. */
    private JsonNode awaitLeads(int count) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/v1/leads")
                                .in(shop, owner)
                                .send()
                                .json()
                                .get("items"),
                        items -> items.size() == count);
    }

    /** Submits a lead from {@code email} through the form and returns it as staff read it. */
    private JsonNode annsLead(String key, String email) {
        submit(shop, key, annsSubmission(email), visitor).assertStatus(202);
        String id = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            for (JsonNode lead : api.get("/api/v1/leads")
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("items")) {
                                if (email.equals(lead.get("email").asText())) {
                                    return lead.get("id").asText();
                                }
                            }
                            return null;
                        },
                        java.util.Objects::nonNull);
        return api.get("/api/v1/leads/" + id).in(shop, owner).send().json();
    }

    private Api.Response transition(String leadId, String action) {
        return api.post("/api/v1/leads/" + leadId + "/" + action)
                .in(shop, owner)
                .returningRepresentation()
                .send();
    }

    /**
     * Records in the contacts' own command-side directory that {@code contact} of {@code at} holds
     * {@code key}, as the contact's creation would have claimed it in its transaction.
     */
    private void contactHolds(Platform.Shop at, String scope, String key, String contact) {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            c.setAutoCommit(false);
            try (PreparedStatement tenant = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO tenant_unique_keys (tenant_id, scope, key, owner_id) VALUES (?, ?, ?, ?)")) {
                tenant.setString(1, at.id());
                tenant.execute();
                insert.setObject(1, UUID.fromString(at.id()));
                insert.setString(2, scope);
                insert.setString(3, key);
                insert.setObject(4, UUID.fromString(contact));
                insert.executeUpdate();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    private long events(String payloadType, String aggregateId) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ? AND aggregate_identifier = ?",
                Long.class,
                "%." + payloadType,
                aggregateId);
        return count == null ? 0 : count;
    }

    @Nested
    @DisplayName("form definitions")
    class Forms {

        @Test
        @DisplayName("an owner defines a form that staff read and anyone reads by its key on the tenant's domain")
        void defineAndRead() {
            JsonNode form = createForm("contact");
            assertThat(form.get("formKey").asText()).isEqualTo("contact");
            assertThat(form.get("questions").get(0).get("options")).hasSize(2);
            String id = form.get("id").asText();

            String staff = platform.staffToken(shop, owner, "staff");
            api.get("/api/v1/lead-forms/" + id)
                    .in(shop, staff)
                    .send()
                    .assertStatus(200)
                    .assertETag(0);
            assertThat(api.get("/api/v1/lead-forms")
                            .in(shop, staff)
                            .send()
                            .json()
                            .get("items"))
                    .hasSize(1);
            Api.Response visible = api.get("/api/v1/public/forms/contact")
                    .origin(shop.domain())
                    .send();
            visible.assertStatus(200);
            assertThat(visible.json().get("consentText").asText()).isEqualTo(CONSENT);
        }

        @Test
        @DisplayName("a manager changes a form with If-Match; a stale version is refused with 412")
        void update() {
            String id = createForm("contact").get("id").asText();
            String manager = platform.staffToken(shop, owner, "manager");

            Api.Response renamed = api.patch("/api/v1/lead-forms/" + id)
                    .in(shop, manager)
                    .ifMatch(0)
                    .returningRepresentation()
                    .json(Map.of("name", "Talk to us", "consentText", ""))
                    .send();
            renamed.assertStatus(200).assertETag(1);
            assertThat(renamed.json().get("name").asText()).isEqualTo("Talk to us");
            assertThat(renamed.json().get("consentText").isNull()).isTrue();

            api.patch("/api/v1/lead-forms/" + id)
                    .in(shop, manager)
                    .ifMatch(0)
                    .json(Map.of("name", "Stale"))
                    .send()
                    .assertProblem(412, "version_conflict");
        }

        @Test
        @DisplayName("a key the tenant already uses is refused with 409 slug_taken; another tenant may use it")
        void keyTaken() {
            createForm("contact");
            api.post("/api/v1/lead-forms")
                    .in(shop, owner)
                    .json(contactForm("contact"))
                    .send()
                    .assertProblem(409, "slug_taken");

            Platform.Shop other = platform.newShop();
            api.post("/api/v1/lead-forms")
                    .in(other, platform.ownerToken(other))
                    .json(contactForm("contact"))
                    .send()
                    .assertStatus(201);
        }

        @Test
        @DisplayName("a definition without an email or phone field is refused with 400 validation_failed")
        void invalidDefinition() {
            api.post("/api/v1/lead-forms")
                    .in(shop, owner)
                    .json(Map.of("formKey", "quiz", "name", "Quiz", "fields", List.of(field("name", "text", true))))
                    .send()
                    .assertProblem(400, "validation_failed");
        }

        @Test
        @DisplayName("a deleted form is gone for staff and visitors, and its key is free again")
        void delete() {
            String id = createForm("contact").get("id").asText();

            api.delete("/api/v1/lead-forms/" + id).in(shop, owner).send().assertStatus(204);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/api/v1/public/forms/contact")
                                    .origin(shop.domain())
                                    .send()
                                    .status()
                            == 404);
            submit(shop, "contact", annsSubmission("ann@example.com"), visitor).assertProblem(404, "not_found");
            createForm("contact");
        }

        @Test
        @DisplayName("another tenant's form is not found, and customers and staff cannot change forms")
        void isolation() {
            String id = createForm("contact").get("id").asText();
            Platform.Shop other = platform.newShop();
            String otherOwner = platform.ownerToken(other);

            api.get("/api/v1/lead-forms/" + id).in(other, otherOwner).send().assertProblem(404, "not_found");
            api.patch("/api/v1/lead-forms/" + id)
                    .in(other, otherOwner)
                    .json(Map.of("name", "Mine"))
                    .send()
                    .assertProblem(404, "not_found");
            api.get("/api/v1/public/forms/contact")
                    .origin(other.domain())
                    .send()
                    .assertProblem(404, "not_found");

            String customer = platform.customerToken(shop);
            api.get("/api/v1/lead-forms").in(shop, customer).send().assertStatus(403);
            api.post("/api/v1/lead-forms")
                    .in(shop, platform.staffToken(shop, owner, "staff"))
                    .json(contactForm("other"))
                    .send()
                    .assertStatus(403);
        }
    }

    @Nested
    @DisplayName("the public form")
    class PublicForm {

        @BeforeEach
        void contactForm() {
            createForm("contact");
        }

        @Test
        @DisplayName("a visitor's submission becomes a new lead with its answers and the consent's text and time")
        void submission() {
            Instant before = Instant.now();
            Api.Response received = submit(shop, "contact", annsSubmission("Ann@Example.com"), visitor);

            received.assertStatus(202);
            assertThat(received.json().get("status").asText()).isEqualTo("received");
            JsonNode lead = awaitLeads(1).get(0);
            assertThat(lead.get("status").asText()).isEqualTo("new");
            assertThat(lead.get("email").asText()).isEqualTo("ann@example.com");
            assertThat(lead.get("phone").asText()).isEqualTo("+34612345678");
            assertThat(lead.get("message").asText()).isEqualTo("Call me");
            assertThat(lead.get("answers").get("budget").asText()).isEqualTo("large");
            assertThat(lead.get("consentText").asText()).isEqualTo(CONSENT);
            assertThat(Instant.parse(lead.get("consentGivenAt").asText()))
                    .isBetween(before.minusSeconds(1), Instant.now());
            assertThat(events("LeadSubmittedEvent", lead.get("id").asText())).isEqualTo(1);
        }

        @Test
        @DisplayName("a submission queues a confirmation to the visitor and a notification to each owner and manager")
        void submissionIsMailed() {
            String manager = platform.staffToken(shop, owner, "manager");
            platform.staffToken(shop, owner, "staff");
            submit(shop, "contact", annsSubmission("ann@example.com"), visitor).assertStatus(202);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(deliveries())
                            .as("template and recipient of each queued mail")
                            .containsExactlyInAnyOrder(
                                    "lead_confirmation ann@example.com",
                                    "lead_notification " + shop.ownerEmail(),
                                    "lead_notification " + email(manager)));
        }

        private List<String> deliveries() {
            try (var scope = TenantContext.enter(TenantId.of(shop.id()), null)) {
                return new TransactionTemplate(transactionManager)
                        .execute(status -> jdbc.queryForList(
                                "SELECT template || ' ' || recipient FROM email_deliveries"
                                        + " WHERE template LIKE 'lead_%'",
                                String.class));
            }
        }

        private String email(String token) {
            return api.get("/api/v1/account")
                    .in(shop, token)
                    .send()
                    .json()
                    .get("email")
                    .asText();
        }

        @Test
        @DisplayName("a filled-in honeypot gets the same 202 as a real submission, and nothing is recorded")
        void honeypot() {
            Map<String, Object> bot = new java.util.HashMap<>(annsSubmission("bot@example.com"));
            bot.put("website", "http://spam.example");

            Api.Response answer = submit(shop, "contact", bot, visitor);

            answer.assertStatus(202);
            assertThat(answer.body())
                    .isEqualTo(submit(shop, "contact", annsSubmission("ann@example.com"), visitor)
                            .body());
            JsonNode leads = awaitLeads(1);
            assertThat(leads.get(0).get("email").asText()).isEqualTo("ann@example.com");
        }

        @Test
        @DisplayName(
                "a field the form does not have is refused with 422 unknown_form_field; an unknown member with 400 naming it")
        void unknownFields() {
            Map<String, Object> extra = Map.of(
                    "fields", Map.of("name", "Ann", "email", "ann@example.com", "fax", "123"),
                    "answers", Map.of("budget", "large"),
                    "consent", true);
            submit(shop, "contact", extra, visitor).assertProblem(422, "unknown_form_field");

            Map<String, Object> member = new java.util.HashMap<>(annsSubmission("ann@example.com"));
            member.put("admin", true);
            Api.Response unknownMember = submit(shop, "contact", member, visitor);
            unknownMember.assertProblem(400, "validation_failed");
            assertThat(unknownMember.json().get("errors").get(0).get("field").asText())
                    .isEqualTo("admin");

            Map<String, Object> noConsent = new java.util.HashMap<>(annsSubmission("ann@example.com"));
            noConsent.put("consent", false);
            submit(shop, "contact", noConsent, visitor).assertProblem(400, "validation_failed");

            submit(shop, "contact", annsSubmission("last@example.com"), visitor).assertStatus(202);
            assertThat(awaitLeads(1).get(0).get("email").asText())
                    .as("only the valid submission was recorded")
                    .isEqualTo("last@example.com");
        }

        @Test
        @DisplayName("a body over 16 KB is refused with 413 payload_too_large before it is read")
        void oversized() {
            Map<String, Object> huge = Map.of(
                    "fields",
                    Map.of("name", "Ann", "email", "ann@example.com", "message", "x".repeat(17 * 1024)),
                    "answers",
                    Map.of("budget", "large"),
                    "consent",
                    true);

            submit(shop, "contact", huge, visitor).assertProblem(413, "payload_too_large");
        }

        @Test
        @DisplayName("an address gets 10 submissions a minute; the 11th is refused with 429, another address is not")
        void rateLimit() {
            Map<String, Object> invalid = Map.of("fields", Map.of("fax", "1"));
            for (int i = 0; i < 10; i++) {
                Api.Response counted = submit(shop, "contact", invalid, visitor);
                assertThat(counted.status()).as(counted.toString()).isEqualTo(422);
                assertThat(counted.header("RateLimit-Policy")).isEqualTo("10;w=60");
            }

            Api.Response refused = submit(shop, "contact", annsSubmission("ann@example.com"), visitor);

            refused.assertProblem(429, "rate_limited");
            assertThat(refused.header("Retry-After")).isNotNull();
            submit(shop, "contact", annsSubmission("ann@example.com"), address())
                    .assertStatus(202);
        }

        @Test
        @DisplayName("a key the tenant has no form for, or another tenant's form, is 404 not_found")
        void unknownForm() {
            submit(shop, "nothing", annsSubmission("ann@example.com"), visitor).assertProblem(404, "not_found");
            Platform.Shop other = platform.newShop();
            submit(other, "contact", annsSubmission("ann@example.com"), visitor).assertProblem(404, "not_found");
        }

        @Test
        @DisplayName("with the CRM switched off the form and the lead routes are refused with 403 module_disabled")
        void moduleOff() {
            String admin = platform.adminToken();
            api.delete("/api/v1/platform/tenants/" + shop.id() + "/modules/crm")
                    .bearer(admin)
                    .send()
                    .assertStatus(200);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> submit(shop, "contact", annsSubmission("ann@example.com"), visitor)
                            .assertProblem(403, "module_disabled"));
            api.get("/api/v1/leads").in(shop, owner).send().assertProblem(403, "module_disabled");
            api.get("/api/v1/lead-forms").in(shop, owner).send().assertProblem(403, "module_disabled");
        }
    }

    @Nested
    @DisplayName("working a lead")
    class Pipeline {

        String lead;

        @BeforeEach
        void annSubmitted() {
            createForm("contact");
            lead = annsLead("contact", "ann@example.com").get("id").asText();
        }

        @Test
        @DisplayName("staff move a lead from new through contacted to qualified; a skipped step is 409 invalid_state")
        void statuses() {
            transition(lead, "qualify").assertProblem(409, "invalid_state");

            Api.Response contacted = transition(lead, "mark-contacted");
            contacted.assertStatus(200).assertETag(1);
            assertThat(contacted.json().get("status").asText()).isEqualTo("contacted");
            transition(lead, "mark-contacted").assertStatus(200).assertETag(1);
            Api.Response qualified = transition(lead, "qualify");
            assertThat(qualified.json().get("status").asText()).isEqualTo("qualified");
            transition(lead, "mark-contacted").assertProblem(409, "invalid_state");
        }

        @Test
        @DisplayName("converting twice makes one contact, and a later lead with the same phone links that contact")
        void conversionIsIdempotent() {
            transition(lead, "mark-contacted").assertStatus(200);
            transition(lead, "qualify").assertStatus(200);

            Api.Response converted = transition(lead, "convert");
            converted.assertStatus(200).assertETag(3);
            String contact = converted.json().get("contactId").asText();
            assertThat(converted.json().get("status").asText()).isEqualTo("converted");
            Api.Response again = transition(lead, "convert");
            again.assertStatus(200).assertETag(3);
            assertThat(again.json().get("contactId").asText()).isEqualTo(contact);
            assertThat(events("ContactCreatedEvent", contact)).isEqualTo(1);
            assertThat(events("LeadConvertedEvent", lead)).isEqualTo(1);

            String later =
                    annsLead("contact", "ann.at.work@example.com").get("id").asText();
            transition(later, "mark-contacted").assertStatus(200);
            transition(later, "qualify").assertStatus(200);
            assertThat(transition(later, "convert").json().get("contactId").asText())
                    .isEqualTo(contact);
            assertThat(events("ContactCreatedEvent", contact)).isEqualTo(1);
        }

        private JsonNode awaitContact(String contact, java.util.function.Predicate<JsonNode> ready) {
            return Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(
                            () -> api.get("/api/v1/contacts/" + contact)
                                    .in(shop, owner)
                                    .send()
                                    .json(),
                            ready);
        }

        @Test
        @DisplayName("the contact a conversion creates has the visitor's e-mail marketing consent, with when and how: "
                + "the lead form and the text agreed to")
        void conversionCopiesConsent() {
            JsonNode submitted =
                    api.get("/api/v1/leads/" + lead).in(shop, owner).send().json();
            transition(lead, "mark-contacted").assertStatus(200);
            transition(lead, "qualify").assertStatus(200);
            String contact = transition(lead, "convert").json().get("contactId").asText();

            JsonNode consents =
                    awaitContact(contact, c -> c.path("consents").size() > 0).get("consents");
            assertThat(consents).hasSize(1);
            assertThat(consents.get(0).get("purpose").asText()).isEqualTo("email_marketing");
            assertThat(consents.get(0).get("granted").asBoolean()).isTrue();
            assertThat(consents.get(0).get("how").asText()).isEqualTo("lead form contact: " + CONSENT);
            assertThat(Instant.parse(consents.get(0).get("at").asText()))
                    .isEqualTo(Instant.parse(submitted.get("consentGivenAt").asText()));
        }

        @Test
        @DisplayName("converting onto an existing contact adds the consent it lacks and keeps the answers it has")
        void conversionAddsMissingConsent() {
            Api.Response created = api.post("/api/v1/contacts")
                    .in(shop, owner)
                    .json(Map.of(
                            "name",
                            "Ann",
                            "emails",
                            List.of("ann@example.com"),
                            "consents",
                            List.of(Map.of("purpose", "sms_marketing", "granted", false, "how", "shop counter"))))
                    .send();
            created.assertStatus(201);
            String contact = created.json().get("id").asText();
            transition(lead, "mark-contacted").assertStatus(200);
            transition(lead, "qualify").assertStatus(200);
            assertThat(transition(lead, "convert").json().get("contactId").asText())
                    .isEqualTo(contact);

            JsonNode consents =
                    awaitContact(contact, c -> c.path("consents").size() == 2).get("consents");
            Map<String, JsonNode> byPurpose = new java.util.HashMap<>();
            consents.forEach(c -> byPurpose.put(c.get("purpose").asText(), c));
            assertThat(byPurpose.get("sms_marketing").get("granted").asBoolean())
                    .isFalse();
            assertThat(byPurpose.get("sms_marketing").get("how").asText()).isEqualTo("shop counter");
            assertThat(byPurpose.get("email_marketing").get("granted").asBoolean())
                    .isTrue();
            assertThat(byPurpose.get("email_marketing").get("how").asText()).isEqualTo("lead form contact: " + CONSENT);
            assertThat(events("ContactUpdatedEvent", contact)).isEqualTo(1);
            transition(lead, "convert").assertStatus(200);
            assertThat(events("ContactUpdatedEvent", contact))
                    .as("converting again adds nothing")
                    .isEqualTo(1);
        }

        @Test
        @DisplayName(
                "converting links the tenant's contact that has the lead's email, and converting again changes nothing")
        void conversionLinksTheExistingContact() {
            String contact = UUID.randomUUID().toString();
            contactHolds(shop, "CONTACT_EMAIL", "ann@example.com", contact);
            contactHolds(
                    platform.newShop(),
                    "CONTACT_EMAIL",
                    "ann@example.com",
                    UUID.randomUUID().toString());
            transition(lead, "mark-contacted").assertStatus(200);
            transition(lead, "qualify").assertStatus(200);

            Api.Response converted = transition(lead, "convert");
            converted.assertStatus(200).assertETag(3);
            assertThat(converted.json().get("status").asText()).isEqualTo("converted");
            assertThat(converted.json().get("contactId").asText()).isEqualTo(contact);
            Api.Response again = transition(lead, "convert");
            again.assertStatus(200).assertETag(3);
            assertThat(again.json().get("contactId").asText()).isEqualTo(contact);
            assertThat(events("LeadConvertedEvent", lead)).isEqualTo(1);
            assertThat(events("ContactCreatedEvent", contact)).isZero();
        }

        @Test
        @DisplayName("a rejected lead keeps its reason and cannot be converted")
        void reject() {
            Api.Response rejected = api.post("/api/v1/leads/" + lead + "/reject")
                    .in(shop, owner)
                    .returningRepresentation()
                    .json(Map.of("reason", "Spam"))
                    .send();
            rejected.assertStatus(200);
            assertThat(rejected.json().get("rejectionReason").asText()).isEqualTo("Spam");
            transition(lead, "convert").assertProblem(409, "invalid_state");
        }

        @Test
        @DisplayName("a staff member is assigned, notes name their author, and details are corrected")
        void assignNoteUpdate() {
            String staff = platform.staffToken(shop, owner, "staff");
            String staffId = api.get("/api/v1/auth/me")
                    .in(shop, staff)
                    .send()
                    .json()
                    .get("id")
                    .asText();

            Api.Response assigned = api.put("/api/v1/leads/" + lead + "/owner")
                    .in(shop, staff)
                    .returningRepresentation()
                    .json(Map.of("ownerId", staffId))
                    .send();
            assigned.assertStatus(200);
            assertThat(assigned.json().get("ownerId").asText()).isEqualTo(staffId);
            Api.Response noted = api.post("/api/v1/leads/" + lead + "/notes")
                    .in(shop, staff)
                    .returningRepresentation()
                    .json(Map.of("text", "Wants a call on Monday"))
                    .send();
            assertThat(noted.json().get("notes").get(0).get("authorId").asText())
                    .isEqualTo(staffId);
            Api.Response updated = api.patch("/api/v1/leads/" + lead)
                    .in(shop, staff)
                    .returningRepresentation()
                    .json(Map.of("email", "ANN@example.org"))
                    .send();
            assertThat(updated.json().get("email").asText()).isEqualTo("ann@example.org");

            String customerId = platform.newCustomer(shop).id();
            api.put("/api/v1/leads/" + lead + "/owner")
                    .in(shop, staff)
                    .json(Map.of("ownerId", customerId))
                    .send()
                    .assertProblem(400, "validation_failed");

            JsonNode mine = api.get("/api/v1/leads?ownerId=" + staffId)
                    .in(shop, owner)
                    .send()
                    .json();
            assertThat(mine.get("items")).hasSize(1);
        }

        @Test
        @DisplayName("the list filters by status, form and creation time and pages with a cursor")
        void listFilters() {
            String second = annsLead("contact", "bob@example.com").get("id").asText();
            transition(second, "mark-contacted").assertStatus(200);
            String formId = api.get("/api/v1/leads/" + lead)
                    .in(shop, owner)
                    .send()
                    .json()
                    .get("formId")
                    .asText();

            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(api.get("/api/v1/leads?status=contacted")
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("items"))
                            .singleElement()
                            .satisfies(l -> assertThat(l.get("id").asText()).isEqualTo(second)));
            assertThat(api.get("/api/v1/leads?formId=" + formId)
                            .in(shop, owner)
                            .send()
                            .json()
                            .get("items"))
                    .hasSize(2);
            assertThat(api.get("/api/v1/leads?createdFrom=2999-01-01T00:00:00Z")
                            .in(shop, owner)
                            .send()
                            .json()
                            .get("items"))
                    .isEmpty();
            JsonNode first =
                    api.get("/api/v1/leads?limit=1").in(shop, owner).send().json();
            assertThat(first.get("items").get(0).get("id").asText()).isEqualTo(second);
            JsonNode next = api.get("/api/v1/leads?limit=1&cursor="
                            + first.get("nextCursor").asText())
                    .in(shop, owner)
                    .send()
                    .json();
            assertThat(next.get("items").get(0).get("id").asText()).isEqualTo(lead);
            api.get("/api/v1/leads?status=won").in(shop, owner).send().assertProblem(400, "validation_failed");
        }

        @Test
        @DisplayName("managers delete a lead; staff may not, and customers see no leads at all")
        void deleteAndRoles() {
            String staff = platform.staffToken(shop, owner, "staff");
            api.delete("/api/v1/leads/" + lead).in(shop, staff).send().assertStatus(403);
            String customer = platform.customerToken(shop);
            api.get("/api/v1/leads").in(shop, customer).send().assertStatus(403);
            api.get("/api/v1/leads/" + lead).in(shop, customer).send().assertStatus(403);
            transition(lead, "mark-contacted").assertStatus(200);

            api.delete("/api/v1/leads/" + lead)
                    .in(shop, platform.staffToken(shop, owner, "manager"))
                    .send()
                    .assertStatus(204);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/api/v1/leads/" + lead)
                                    .in(shop, owner)
                                    .send()
                                    .status()
                            == 404);
        }

        @Test
        @DisplayName("another tenant's staff find no such lead, to read or to change")
        void otherTenant() {
            Platform.Shop other = platform.newShop();
            String otherOwner = platform.ownerToken(other);

            api.get("/api/v1/leads/" + lead).in(other, otherOwner).send().assertProblem(404, "not_found");
            api.post("/api/v1/leads/" + lead + "/mark-contacted")
                    .in(other, otherOwner)
                    .send()
                    .assertProblem(404, "not_found");
            api.delete("/api/v1/leads/" + lead).in(other, otherOwner).send().assertProblem(404, "not_found");
            assertThat(api.get("/api/v1/leads")
                            .in(other, otherOwner)
                            .send()
                            .json()
                            .get("items"))
                    .isEmpty();
            assertThat(api.get("/api/v1/leads/" + lead)
                            .in(shop, owner)
                            .send()
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("new");
        }
    }
}
