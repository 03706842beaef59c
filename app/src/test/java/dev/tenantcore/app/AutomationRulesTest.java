package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactTaggedEvent;
import dev.tenantcore.api.crm.ContactUntaggedEvent;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProcessorIntake;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DisplayName("Automation rules")
class AutomationRulesTest extends ShopTest {

    static final String RULES = "/api/v1/automations/rules";

    @Autowired
    private EventProcessingConfiguration processing;

    static Map<String, Object> rule(String trigger, String condition, Object... actions) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", "Rule " + java.util.UUID.randomUUID().toString().substring(0, 8));
        body.put("trigger", trigger);
        if (condition != null) {
            body.put("condition", condition);
        }
        body.put("actions", List.of(actions));
        return body;
    }

    static Map<String, Object> addTag(String tag) {
        return Map.of("type", "add_tag", "tag", tag);
    }

    @Nested
    @DisplayName("saving a rule")
    class Saving {

        @Test
        @DisplayName("creates it disabled at version 0, and enable and disable move its version as ETag")
        void createEnableDisable() {
            Api.Response created =
                    submit(owner, RULES, rule("order.placed", "event.data.totals.totalMinor > 10000", addTag("vip")));
            created.assertStatus(201);
            created.assertETag(0);
            JsonNode body = created.json();
            assertThat(body.get("enabled").asBoolean()).isFalse();
            assertThat(body.get("trigger").asText()).isEqualTo("order.placed");
            assertThat(body.get("actions").get(0).get("type").asText()).isEqualTo("add_tag");
            String id = body.get("id").asText();

            Api.Response enabled = api.post(RULES + "/" + id + "/enable")
                    .in(shop, owner)
                    .ifMatch(0)
                    .returningRepresentation()
                    .send();
            enabled.assertStatus(200);
            enabled.assertETag(1);
            assertThat(enabled.json().get("enabled").asBoolean()).isTrue();

            api.post(RULES + "/" + id + "/disable")
                    .in(shop, owner)
                    .ifMatch(0)
                    .send()
                    .assertProblem(412, "version_conflict");

            Api.Response changed = api.patch(RULES + "/" + id)
                    .in(shop, owner)
                    .ifMatch(1)
                    .returningRepresentation()
                    .json(Map.of("condition", ""))
                    .send();
            changed.assertStatus(200);
            changed.assertETag(2);
            assertThat(changed.json().get("condition").isNull()).isTrue();

            api.delete(RULES + "/" + id).in(shop, owner).send().assertStatus(204);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            api.get(RULES + "/" + id).in(shop, owner).send().assertStatus(404));
        }

        @Test
        @DisplayName("a condition that does not compile is refused with 422 and the line and column of the error")
        void conditionErrorLocated() {
            Api.Response refused = submit(
                    owner,
                    RULES,
                    rule("order.placed", "event.data.number > 1 &&\n  event.data.grandTotal > 5", addTag("vip")));
            refused.assertProblem(422, "invalid_rule_condition");
            assertThat(refused.json().get("line").asInt()).isEqualTo(2);
            assertThat(refused.json().get("column").asInt()).isBetween(3, 14);
            assertThat(refused.json().get("detail").asText()).contains("grandTotal");
        }

        @Test
        @DisplayName("a trigger outside the catalogue and an action out of range are refused with 422")
        void unknownTriggerAndBadAction() {
            submit(owner, RULES, rule("order.teleported", null, addTag("vip")))
                    .assertProblem(422, "unknown_event_type");
            submit(owner, RULES, rule("order.placed", null, Map.of("type", "wait", "duration", "PT1M")))
                    .assertProblem(422, "invalid_rule_action");
            submit(owner, RULES, rule("order.placed", null, Map.of("type", "launch_rocket")))
                    .assertStatus(400);
        }
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

    private static String contactOf(JsonNode order) {
        return dev.tenantcore.api.crm.ContactId.forCustomerAccount(dev.tenantcore.api.common.UserId.of(
                        order.get("customerId").asText()))
                .toString();
    }

    @Nested
    @DisplayName("running a rule")
    class Running {

        @Test
        @DisplayName("an order placed tags its buyer's contact, in one run that records the rule version and each step")
        void orderPlacedTagsTheContact() {
            String rule =
                    enabledRule(rule("order.placed", "event.data.totals.totalMinor > 1000", addTag("big-spender")));
            JsonNode order = placeOrder(customer(), 1);
            String contact = contactOf(order);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Api.Response read =
                        api.get("/api/v1/contacts/" + contact).in(shop, owner).send();
                read.assertStatus(200);
                assertThat(read.json().get("tags").toString()).contains("big-spender");
            });
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode items = runs(rule);
                assertThat(items).hasSize(1);
                JsonNode run = items.get(0);
                assertThat(run.get("status").asText()).isEqualTo("completed");
                assertThat(run.get("conditionResult").asText()).isEqualTo("matched");
                assertThat(run.get("ruleVersion").asLong()).isEqualTo(1);
                assertThat(run.get("eventType").asText()).isEqualTo("order.placed");
                assertThat(run.get("steps").get(0).get("status").asText()).isEqualTo("done");
                api.get(RULES + "/" + rule + "/runs/" + run.get("id").asText())
                        .in(shop, owner)
                        .send()
                        .assertStatus(200);
            });
        }

        @Test
        @DisplayName("a step the contact refuses parks the run with the refusal; once fixed, a retry completes it")
        void parkedThenRetried() {
            String rule = enabledRule(rule("order.placed", null, Map.of("type", "set_stage", "stage", "champion")));
            placeOrder(customer(), 1);
            JsonNode parked = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                JsonNode items = runs(rule);
                                return items.size() == 1
                                                && items.get(0)
                                                        .get("status")
                                                        .asText()
                                                        .equals("parked")
                                        ? items.get(0)
                                        : null;
                            },
                            java.util.Objects::nonNull);
            assertThat(parked.get("error").asText())
                    .startsWith("validation_failed")
                    .contains("stage must be one of");
            assertThat(parked.get("steps").get(0).get("status").asText()).isEqualTo("failed");
            String run = parked.get("id").asText();

            api.put("/api/v1/contact-stages")
                    .in(shop, owner)
                    .json(Map.of("stages", List.of("subscriber", "lead", "customer", "champion")))
                    .send()
                    .assertStatus(200);
            api.post(RULES + "/" + rule + "/runs/" + run + "/retry")
                    .in(shop, owner)
                    .send()
                    .assertStatus(200);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(runs(rule).get(0).get("status").asText()).isEqualTo("completed"));
            api.post(RULES + "/" + rule + "/runs/" + run + "/skip")
                    .in(shop, owner)
                    .send()
                    .assertProblem(409, "invalid_state");
        }

        @Test
        @DisplayName("a dry run over past orders lists exactly the orders the condition picks, and sends nothing")
        void dryRunOverHistory() {
            java.time.Instant from = java.time.Instant.now().minusSeconds(1);
            String customer = customer();
            List<JsonNode> orders = List.of(placeOrder(customer, 1), placeOrder(customer, 2), placeOrder(customer, 3));
            java.util.Set<String> expected = new java.util.HashSet<>();
            for (JsonNode order : orders) {
                if (order.get("totals").get("subtotalMinor").asLong() >= 2500) {
                    expected.add(order.get("id").asText());
                }
            }
            assertThat(expected).hasSize(2);
            Api.Response created = submit(
                    owner, RULES, rule("order.placed", "event.data.totals.subtotalMinor >= 2500", addTag("dry")));
            String rule = created.json().get("id").asText();
            Api.Response dry = api.post(RULES + "/" + rule + "/dry-run")
                    .in(shop, owner)
                    .json(Map.of(
                            "from",
                            from.toString(),
                            "to",
                            java.time.Instant.now().plusSeconds(1).toString()))
                    .send();
            dry.assertStatus(200);
            assertThat(dry.json().get("scanned").asLong()).isEqualTo(3);
            assertThat(dry.json().get("matched").asLong()).isEqualTo(2);
            java.util.Set<String> fired = new java.util.HashSet<>();
            dry.json()
                    .get("matches")
                    .forEach(m -> fired.add(m.get("aggregateId").asText()));
            assertThat(fired).isEqualTo(expected);
            assertThat(dry.json()
                            .get("matches")
                            .get(0)
                            .get("actions")
                            .get(0)
                            .get("tag")
                            .asText())
                    .isEqualTo("dry");
            // Nothing was run or written: the rule is disabled, and the dry run records no run.
            assertThat(runs(rule)).isEmpty();
        }
    }

    @Nested
    @DisplayName("isolation")
    class Isolation {

        @Test
        @DisplayName("another tenant's owner finds no rule of this shop, to read or to change")
        void anotherTenant() {
            String id = submit(owner, RULES, rule("contact.created", null, addTag("new")))
                    .json()
                    .get("id")
                    .asText();
            Platform.Shop other = platform.newShop();
            String intruder = platform.ownerToken(other);
            api.get(RULES + "/" + id).in(other, intruder).send().assertStatus(404);
            api.post(RULES + "/" + id + "/enable").in(other, intruder).send().assertProblem(404, "not_found");
            api.delete(RULES + "/" + id).in(other, intruder).send().assertProblem(404, "not_found");
            assertThat(api.get(RULES).in(other, intruder).send().json().get("items"))
                    .isEmpty();
        }

        @Test
        @DisplayName("with the automations module switched off, the rules answer 403 module_disabled")
        void moduleDisabled() {
            api.delete("/api/v1/platform/tenants/" + shop.id() + "/modules/automations")
                    .bearer(platform.adminToken())
                    .send()
                    .assertStatus(200);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> api.get(RULES).in(shop, owner).send().assertProblem(403, "module_disabled"));
            submit(owner, RULES, rule("contact.created", null, addTag("new"))).assertProblem(403, "module_disabled");
        }
    }

    @Test
    @DisplayName("the rules' processor skips the events no enabled rule of their tenant is triggered by,"
            + " and takes them from the moment a rule is enabled")
    void skipsWhatNoRuleTakes() {
        EventMessage<?> tagged =
                ProcessorIntake.eventOf(shop.id(), new ContactTaggedEvent(new ContactId(UUID.randomUUID()), "vip"));
        EventMessage<?> untagged =
                ProcessorIntake.eventOf(shop.id(), new ContactUntaggedEvent(new ContactId(UUID.randomUUID()), "vip"));
        assertThat(ProcessorIntake.takes(processing, "automation-runs", tagged)).isFalse();

        Api.Response created = submit(owner, RULES, rule("contact.tagged", null, addTag("tagged-once")));
        created.assertStatus(201);
        assertThat(ProcessorIntake.takes(processing, "automation-runs", tagged))
                .as("a rule saved disabled")
                .isFalse();
        api.post(RULES + "/" + created.json().get("id").asText() + "/enable")
                .in(shop, owner)
                .send()
                .assertStatus(200);
        assertThat(ProcessorIntake.takes(processing, "automation-runs", tagged))
                .as("enabled on this node: the very next event")
                .isTrue();
        assertThat(ProcessorIntake.takes(processing, "automation-runs", untagged))
                .as("a type no rule is triggered by")
                .isFalse();
        Platform.Shop other = platform.newShop();
        assertThat(ProcessorIntake.takes(
                        processing,
                        "automation-runs",
                        ProcessorIntake.eventOf(
                                other.id(), new ContactTaggedEvent(new ContactId(UUID.randomUUID()), "vip"))))
                .as("another tenant's event of the same type")
                .isFalse();
    }
}
