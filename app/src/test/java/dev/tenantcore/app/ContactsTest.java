package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Contacts")
class ContactsTest extends ShopTest {

    private Api.Response create(String token, Map<String, Object> body) {
        return submit(token, "/api/v1/contacts", body);
    }

    private JsonNode contact(Map<String, Object> body) {
        Api.Response created = create(owner, body);
        created.assertStatus(201);
        return created.json();
    }

    private static Map<String, Object> person(String name, String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("emails", List.of(email));
        return body;
    }

    private static String unique(String local) {
        return local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private JsonNode list(String query) {
        Api.Response page = api.get("/api/v1/contacts" + query).in(shop, owner).send();
        page.assertStatus(200);
        return page.json();
    }

    private List<String> names(String query) {
        List<String> names = new ArrayList<>();
        list(query).get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private JsonNode field(Map<String, Object> body) {
        Api.Response defined = submit(owner, "/api/v1/contact-fields", body);
        defined.assertStatus(201);
        return defined.json();
    }

    @Nested
    @DisplayName("creating")
    class Creating {

        @Test
        @DisplayName("a contact is stored with lower-case e-mail, E.164 phones and the tenant's first stage")
        void normalises() {
            Map<String, Object> body = person("Ann Lee", "Ann.Lee@Example.COM");
            body.put("phones", List.of("612 34 56 78"));
            body.put("address", Map.of("city", "Madrid", "country", "ES"));
            body.put("company", "Acme");
            body.put("consents", List.of(Map.of("purpose", "email_marketing", "granted", true, "how", "web form")));
            body.put("channelHandles", List.of(Map.of("channel", "Telegram", "handle", "ann_lee")));
            Api.Response created = create(owner, body);
            created.assertStatus(201);
            created.assertETag(0);
            JsonNode ann = created.json();
            assertThat(ann.get("emails").get(0).asText()).isEqualTo("ann.lee@example.com");
            assertThat(ann.get("phones").get(0).asText()).isEqualTo("+34612345678");
            assertThat(ann.get("stage").asText()).isEqualTo("subscriber");
            assertThat(ann.get("status").asText()).isEqualTo("active");
            assertThat(ann.get("consents").get(0).get("at").isNull()).isFalse();
            assertThat(ann.get("channelHandles").get(0).get("channel").asText()).isEqualTo("telegram");
            api.get("/api/v1/contacts/" + ann.get("id").asText())
                    .in(shop, owner)
                    .send()
                    .assertStatus(200)
                    .assertETag(0);
        }

        @Test
        @DisplayName("a phone that is no number, a bad e-mail and an unknown stage are refused with validation_failed")
        void refusesBadDetails() {
            Map<String, Object> phone = person("Bad Phone", unique("p"));
            phone.put("phones", List.of("12"));
            create(owner, phone).assertProblem(400, "validation_failed");
            create(owner, person("Bad Mail", "not-an-address")).assertProblem(400, "validation_failed");
            Map<String, Object> stage = person("Bad Stage", unique("s"));
            stage.put("stage", "astronaut");
            create(owner, stage).assertProblem(400, "validation_failed");
            Map<String, Object> owned = person("Bad Owner", unique("o"));
            owned.put("ownerId", UUID.randomUUID().toString());
            create(owner, owned).assertProblem(400, "validation_failed");
        }

        @Test
        @DisplayName(
                "a second contact with an e-mail or phone of the first gets 409 duplicate_contact naming the first")
        void duplicateAnswersWithTheExistingId() {
            String email = unique("dup");
            Map<String, Object> first = person("First", email);
            first.put("phones", List.of("+34 612 000 111"));
            String id = contact(first).get("id").asText();

            Api.Response byEmail = create(owner, person("Second", email.toUpperCase()));
            byEmail.assertProblem(409, "duplicate_contact");
            assertThat(byEmail.json().get("existingContactId").asText()).isEqualTo(id);

            Map<String, Object> byPhone = person("Third", unique("other"));
            byPhone.put("phones", List.of("+34612000111"));
            Api.Response refused = create(owner, byPhone);
            refused.assertProblem(409, "duplicate_contact");
            assertThat(refused.json().get("existingContactId").asText()).isEqualTo(id);
        }

        @Test
        @DisplayName("of 16 parallel creates with one e-mail exactly one makes a contact, the others get 409")
        void oneContactUnderConcurrency() throws Exception {
            String email = unique("race");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Api.Response>> creates = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int n = i;
                    creates.add(() -> api.post("/api/v1/contacts")
                            .in(shop, owner)
                            .json(person("Racer " + n, email))
                            .send());
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Api.Response> f : pool.invokeAll(creates)) {
                    Api.Response r = f.get();
                    statuses.add(r.status());
                    if (r.status() != 201) {
                        assertThat(r.code()).isEqualTo("duplicate_contact");
                    }
                }
                assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
            } finally {
                pool.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(list("?q=" + email).get("items")).hasSize(1));
        }
    }

    @Nested
    @DisplayName("changing")
    class Changing {

        @Test
        @DisplayName("an update with a current If-Match succeeds; a stale one gets 412 and changes nothing")
        void optimisticConcurrency() {
            String id = contact(person("Bob", unique("bob"))).get("id").asText();
            Api.Response updated = api.patch("/api/v1/contacts/" + id)
                    .in(shop, owner)
                    .ifMatch(0)
                    .returningRepresentation()
                    .json(Map.of("company", "Globex", "stage", "lead"))
                    .send();
            updated.assertStatus(200);
            updated.assertETag(1);
            assertThat(updated.json().get("company").asText()).isEqualTo("Globex");
            api.patch("/api/v1/contacts/" + id)
                    .in(shop, owner)
                    .ifMatch(0)
                    .json(Map.of("company", "Stale"))
                    .send()
                    .assertProblem(412, "version_conflict");
            assertThat(api.get("/api/v1/contacts/" + id)
                            .in(shop, owner)
                            .send()
                            .json()
                            .get("company")
                            .asText())
                    .isEqualTo("Globex");
        }

        @Test
        @DisplayName(
                "archiving hides a contact from the default list, restoring brings it back, deleting frees its e-mail")
        void archiveRestoreDelete() {
            String email = unique("arch");
            String id = contact(person("Archie", email)).get("id").asText();
            transition(owner, "/api/v1/contacts/" + id + "/archive").assertStatus(200);
            assertThat(list("?q=" + email).get("items")).isEmpty();
            assertThat(list("?status=archived&q=" + email).get("items")).hasSize(1);
            transition(owner, "/api/v1/contacts/" + id + "/restore").assertStatus(200);
            assertThat(list("?q=" + email).get("items")).hasSize(1);
            api.delete("/api/v1/contacts/" + id).in(shop, owner).send().assertStatus(204);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/api/v1/contacts/" + id)
                                    .in(shop, owner)
                                    .send()
                                    .status()
                            == 404);
            create(owner, person("Archie again", email)).assertStatus(201);
        }

        @Test
        @DisplayName("tags are added and removed, and the tenant's tags are listed with their counts")
        void tags() {
            String a = contact(person("Tagged A", unique("ta"))).get("id").asText();
            String b = contact(person("Tagged B", unique("tb"))).get("id").asText();
            submit(owner, "/api/v1/contacts/" + a + "/tags", Map.of("tag", "VIP"))
                    .assertStatus(200);
            submit(owner, "/api/v1/contacts/" + b + "/tags", Map.of("tag", "vip"))
                    .assertStatus(200);
            Api.Response tagged = submit(owner, "/api/v1/contacts/" + b + "/tags", Map.of("tag", "wholesale"));
            assertThat(tagged.json().get("tags").toString()).contains("vip", "wholesale");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode tags =
                        api.get("/api/v1/contact-tags").in(shop, owner).send().json();
                assertThat(tags.get("items").get(0).get("tag").asText()).isEqualTo("vip");
                assertThat(tags.get("items").get(0).get("contacts").asLong()).isEqualTo(2);
            });
            api.delete("/api/v1/contacts/" + b + "/tags/vip")
                    .in(shop, owner)
                    .returningRepresentation()
                    .send()
                    .assertStatus(200);
            assertThat(names("?tag=vip")).containsExactly("Tagged A");
        }

        @Test
        @DisplayName("a note is kept with its author")
        void notes() {
            String id = contact(person("Noted", unique("n"))).get("id").asText();
            JsonNode noted = submit(owner, "/api/v1/contacts/" + id + "/notes", Map.of("text", "Called, wants a quote"))
                    .json();
            assertThat(noted.get("notes").get(0).get("text").asText()).isEqualTo("Called, wants a quote");
            assertThat(noted.get("notes").get(0).get("authorId").isNull()).isFalse();
        }
    }

    @Nested
    @DisplayName("merging")
    class Merging {

        @Test
        @DisplayName("a duplicate merged into a survivor gives it its e-mails, and then redirects to it")
        void merge() {
            String survivorEmail = unique("keep");
            String duplicateEmail = unique("gone");
            String survivor = contact(person("Keep", survivorEmail)).get("id").asText();
            Map<String, Object> dup = person("Gone", duplicateEmail);
            dup.put("company", "Initech");
            dup.put("tags", List.of("lead-magnet"));
            String duplicate = contact(dup).get("id").asText();

            Api.Response merged =
                    submit(owner, "/api/v1/contacts/" + survivor + "/merge", Map.of("duplicateId", duplicate));
            merged.assertStatus(200);
            JsonNode kept = merged.json();
            assertThat(kept.get("emails").toString()).contains(survivorEmail, duplicateEmail);
            assertThat(kept.get("company").asText()).isEqualTo("Initech");
            assertThat(kept.get("tags").toString()).contains("lead-magnet");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Api.Response gone =
                        api.get("/api/v1/contacts/" + duplicate).in(shop, owner).send();
                assertThat(gone.status()).isEqualTo(308);
                assertThat(gone.header("Location")).isEqualTo("/api/v1/contacts/" + survivor);
            });
            Api.Response again = create(owner, person("Gone again", duplicateEmail));
            again.assertProblem(409, "duplicate_contact");
            assertThat(again.json().get("existingContactId").asText()).isEqualTo(survivor);
            submit(owner, "/api/v1/contacts/" + duplicate + "/merge", Map.of("duplicateId", survivor))
                    .assertProblem(409, "invalid_state");
            submit(owner, "/api/v1/contacts/" + survivor + "/merge", Map.of("duplicateId", survivor))
                    .assertProblem(400, "validation_failed");
        }
    }

    @Nested
    @DisplayName("custom fields")
    class CustomFields {

        @Test
        @DisplayName("values are validated against their definitions on every write")
        void validated() {
            field(Map.of("key", "budget", "label", "Budget", "type", "number"));
            field(Map.of(
                    "key", "size", "label", "Size", "type", "single_select", "options", List.of("small", "large")));
            field(Map.of("key", "vat_id", "label", "VAT id", "type", "text", "unique", true));

            Map<String, Object> wrongType = person("Wrong", unique("w"));
            wrongType.put("customFields", Map.of("budget", "a lot"));
            create(owner, wrongType).assertProblem(400, "validation_failed");
            Map<String, Object> notAnOption = person("Option", unique("o"));
            notAnOption.put("customFields", Map.of("size", "huge"));
            create(owner, notAnOption).assertProblem(400, "validation_failed");
            Map<String, Object> unknown = person("Unknown", unique("u"));
            unknown.put("customFields", Map.of("shoe_size", 42));
            create(owner, unknown).assertProblem(400, "validation_failed");

            Map<String, Object> good = person("Good", unique("g"));
            good.put("customFields", Map.of("budget", 1500, "size", "large", "vat_id", "ES123"));
            JsonNode created = contact(good);
            assertThat(created.get("customFields").get("size").asText()).isEqualTo("large");
            assertThat(names("?field=size&value=large")).containsExactly("Good");

            Map<String, Object> sameVat = person("Same VAT", unique("v"));
            sameVat.put("customFields", Map.of("vat_id", "es123"));
            create(owner, sameVat).assertProblem(409, "duplicate_contact");

            String id = created.get("id").asText();
            api.patch("/api/v1/contacts/" + id)
                    .in(shop, owner)
                    .json(Map.of("customFields", Map.of("budget", true)))
                    .send()
                    .assertProblem(400, "validation_failed");
        }

        @Test
        @DisplayName("a required field must have a value on every write")
        void required() {
            field(Map.of("key", "industry", "label", "Industry", "type", "text", "required", true));
            create(owner, person("No industry", unique("i"))).assertProblem(400, "validation_failed");
            Map<String, Object> body = person("Industry", unique("i"));
            body.put("customFields", Map.of("industry", "retail"));
            String id = contact(body).get("id").asText();
            Map<String, Object> cleared = new HashMap<>();
            cleared.put("industry", null);
            api.patch("/api/v1/contacts/" + id)
                    .in(shop, owner)
                    .json(Map.of("customFields", cleared))
                    .send()
                    .assertProblem(400, "validation_failed");
        }

        @Test
        @DisplayName("renaming a field shows old values under the new key; removing it hides them and corrupts nothing")
        void renameAndRemove() {
            String fieldId = field(Map.of("key", "since", "label", "Customer since", "type", "date"))
                    .get("id")
                    .asText();
            Map<String, Object> body = person("Dated", unique("d"));
            body.put("customFields", Map.of("since", "2020-02-29"));
            String id = contact(body).get("id").asText();

            api.patch("/api/v1/contact-fields/" + fieldId)
                    .in(shop, owner)
                    .json(Map.of("key", "first_order", "label", "First order"))
                    .send()
                    .assertStatus(200);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(api.get("/api/v1/contacts/" + id)
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("customFields")
                                    .get("first_order")
                                    .asText())
                            .isEqualTo("2020-02-29"));

            api.delete("/api/v1/contact-fields/" + fieldId)
                    .in(shop, owner)
                    .send()
                    .assertStatus(204);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(api.get("/api/v1/contacts/" + id)
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("customFields")
                                    .size())
                            .isZero());
            api.patch("/api/v1/contacts/" + id)
                    .in(shop, owner)
                    .returningRepresentation()
                    .json(Map.of("company", "Still fine"))
                    .send()
                    .assertStatus(200);
        }

        @Test
        @DisplayName("a tenant sets its own lifecycle stages, which new contacts then use")
        void stages() {
            Api.Response set = api.put("/api/v1/contact-stages")
                    .in(shop, owner)
                    .returningRepresentation()
                    .json(Map.of("stages", List.of("prospect", "client")))
                    .send();
            set.assertStatus(200);
            assertThat(set.json().get("stages").toString()).contains("prospect", "client");
            assertThat(contact(person("Staged", unique("st"))).get("stage").asText())
                    .isEqualTo("prospect");
            Map<String, Object> old = person("Old stage", unique("st"));
            old.put("stage", "evangelist");
            create(owner, old).assertProblem(400, "validation_failed");
        }
    }

    @Nested
    @DisplayName("listing")
    class Listing {

        @Test
        @DisplayName("text search finds contacts by name, e-mail, phone and company; filters and sort narrow the page")
        void searchAndFilter() {
            String staff = platform.staffToken(shop, owner, "staff");
            String staffId = api.get("/api/v1/account")
                    .in(shop, staff)
                    .send()
                    .json()
                    .get("id")
                    .asText();
            Map<String, Object> zoe = person("Zoe Quartermaine", unique("zq"));
            zoe.put("phones", List.of("+44 20 7946 0958"));
            zoe.put("company", "Blue Harbour Ltd");
            zoe.put("ownerId", staffId);
            zoe.put("stage", "customer");
            contact(zoe);
            contact(person("Yann Other", unique("yo")));

            assertThat(names("?q=quarter")).containsExactly("Zoe Quartermaine");
            assertThat(names("?q=harbour")).containsExactly("Zoe Quartermaine");
            assertThat(names("?q=020%207946%200958")).isEmpty();
            assertThat(names("?q=2079460958")).containsExactly("Zoe Quartermaine");
            assertThat(names("?q=zq-")).containsExactly("Zoe Quartermaine");
            assertThat(names("?stage=customer")).containsExactly("Zoe Quartermaine");
            assertThat(names("?ownerId=" + staffId)).containsExactly("Zoe Quartermaine");
            assertThat(names("?sort=-createdAt")).startsWith("Yann Other");
            assertThat(names("?createdFrom=2999-01-01T00:00:00Z")).isEmpty();
            assertThat(names("?updatedTo=2000-01-01T00:00:00Z")).isEmpty();

            JsonNode first = list("?limit=1");
            assertThat(first.get("items")).hasSize(1);
            JsonNode second = list("?limit=1&cursor=" + first.get("nextCursor").asText());
            assertThat(second.get("items").get(0).get("id"))
                    .isNotEqualTo(first.get("items").get(0).get("id"));
            api.get("/api/v1/contacts?sort=email").in(shop, owner).send().assertProblem(400, "validation_failed");
        }

        @Test
        @DisplayName("pages sort by name or last change, and a cursor is refused with another sort")
        void sortOrders() {
            contact(person("Mila Middle", unique("mm")));
            contact(person("Aaron First", unique("af")));
            assertThat(names("?sort=name")).containsSubsequence("Aaron First", "Mila Middle");
            assertThat(names("?sort=-name")).containsSubsequence("Mila Middle", "Aaron First");
            assertThat(names("?sort=-updatedAt")).containsSubsequence("Aaron First", "Mila Middle");

            JsonNode first = list("?sort=name&limit=1");
            assertThat(first.get("items").get(0).get("name").asText()).isEqualTo("Aaron First");
            String cursor = first.get("nextCursor").asText();
            assertThat(names("?sort=name&limit=1&cursor=" + cursor)).containsExactly("Mila Middle");
            api.get("/api/v1/contacts?sort=-updatedAt&cursor=" + cursor)
                    .in(shop, owner)
                    .send()
                    .assertProblem(400, "validation_failed");
            assertThat(names("?q=ila%20mid&sort=-name")).containsExactly("Mila Middle");
        }
    }

    @Nested
    @DisplayName("access")
    class Access {

        @Test
        @DisplayName("staff may create and read contacts; customers get 403")
        void roles() {
            String staff = platform.staffToken(shop, owner, "staff");
            create(staff, person("By staff", unique("bs"))).assertStatus(201);
            String customer = customer();
            api.get("/api/v1/contacts").in(shop, customer).send().assertProblem(403, "forbidden");
            create(customer, person("By customer", unique("bc"))).assertProblem(403, "forbidden");
        }

        @Test
        @DisplayName(
                "another tenant's owner cannot read, change, merge or delete a contact: the answer equals a missing id's")
        void crossTenant() {
            String email = unique("secret");
            String id = contact(person("Secret", email)).get("id").asText();
            Platform.Shop other = platform.newShop();
            String attacker = platform.ownerToken(other);
            for (String target : List.of(id, UUID.randomUUID().toString())) {
                assertThat(List.of(
                                api.get("/api/v1/contacts/" + target)
                                        .in(other, attacker)
                                        .send()
                                        .status(),
                                api.patch("/api/v1/contacts/" + target)
                                        .in(other, attacker)
                                        .json(Map.of("name", "pwned"))
                                        .send()
                                        .status(),
                                api.delete("/api/v1/contacts/" + target)
                                        .in(other, attacker)
                                        .send()
                                        .status()))
                        .containsOnly(404);
            }
            String own = api.post("/api/v1/contacts")
                    .in(other, attacker)
                    .json(person("Attacker", unique("a")))
                    .send()
                    .json()
                    .get("id")
                    .asText();
            api.post("/api/v1/contacts/" + own + "/merge")
                    .in(other, attacker)
                    .json(Map.of("duplicateId", id))
                    .send()
                    .assertProblem(400, "validation_failed");
            // The same e-mail is free in another tenant.
            api.post("/api/v1/contacts")
                    .in(other, attacker)
                    .json(person("Same mail", email))
                    .send()
                    .assertStatus(201);
            assertThat(api.get("/api/v1/contacts?q=" + email)
                            .in(other, attacker)
                            .send()
                            .json()
                            .get("items"))
                    .allSatisfy(item -> assertThat(item.get("name").asText()).isEqualTo("Same mail"));
            assertThat(names("?q=" + email)).containsExactly("Secret");
        }
    }

    @Nested
    @DisplayName("capture")
    class Capture {

        @Test
        @DisplayName(
                "a storefront customer becomes a contact linked to the account, and their order adds no second one")
        void customersBecomeContacts() {
            Platform.Customer customer = platform.newCustomer(shop);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode items = list("?q=").get("items");
                assertThat(items).anySatisfy(item -> {
                    assertThat(item.get("customerAccountId").asText()).isEqualTo(customer.id());
                    assertThat(item.get("source").asText()).isEqualTo("storefront-registration");
                });
            });
            placeOrder(customer.token(), 1);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(list("").get("items"))
                            .filteredOn(item ->
                                    item.get("customerAccountId").asText().equals(customer.id()))
                            .hasSize(1));
        }
    }
}
