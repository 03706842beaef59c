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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tasks on contacts")
class ContactTasksTest extends ShopTest {

    private static final Duration SETTLED = Duration.ofSeconds(15);

    private String contact(String token) {
        Api.Response created = submit(
                token,
                "/api/v1/contacts",
                Map.of(
                        "name",
                        "Ann Lee",
                        "emails",
                        List.of("ann-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com")));
        created.assertStatus(201);
        return created.json().get("id").asText();
    }

    private String userId(String token) {
        return api.get("/api/v1/account")
                .in(shop, token)
                .send()
                .json()
                .get("id")
                .asText();
    }

    private JsonNode get(String token, String path) {
        Api.Response page = api.get(path).in(shop, token).send();
        page.assertStatus(200);
        return page.json();
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("items").forEach(item -> titles.add(item.get("title").asText()));
        return titles;
    }

    @Test
    @DisplayName(
            "staff add, change, complete and reopen a task; lists by contact, assignee, status and due time follow")
    void lifecycle() {
        String staff = platform.staffToken(shop, owner, "staff");
        String staffId = userId(staff);
        String ann = contact(owner);
        String base = "/api/v1/contacts/" + ann + "/tasks";

        Map<String, Object> body = new HashMap<>();
        body.put("title", "Call Ann back");
        body.put("dueAt", "2026-12-10T09:00:00Z");
        body.put("assigneeId", staffId);
        Api.Response added = submit(owner, base, body);
        added.assertStatus(201);
        JsonNode task = added.json();
        String id = task.get("id").asText();
        assertThat(added.header("Location")).isEqualTo(base + "/" + id);
        assertThat(task.get("status").asText()).isEqualTo("open");
        assertThat(task.get("assigneeId").asText()).isEqualTo(staffId);
        assertThat(task.get("dueAt").asText()).isEqualTo("2026-12-10T09:00:00Z");
        long version = task.get("version").asLong();
        added.assertETag(version);
        submit(owner, base, Map.of("title", "Send the quote")).assertStatus(201);

        // A change to the contact does not make the task stale: If-Match names the task's version.
        api.post("/api/v1/contacts/" + ann + "/tags")
                .in(shop, owner)
                .json(Map.of("tag", "vip"))
                .send()
                .assertStatus(200);
        Api.Response changed = api.patch(base + "/" + id)
                .in(shop, staff)
                .ifMatch(version)
                .returningRepresentation()
                .json(Map.of("title", "Call Ann back about the quote", "removeDue", true))
                .send();
        changed.assertStatus(200);
        assertThat(changed.json().get("title").asText()).isEqualTo("Call Ann back about the quote");
        assertThat(changed.json().get("dueAt").isNull()).isTrue();
        api.patch(base + "/" + id)
                .in(shop, staff)
                .ifMatch(version)
                .json(Map.of("title", "Stale"))
                .send()
                .assertProblem(412, "version_conflict");
        api.patch(base + "/" + id)
                .in(shop, staff)
                .json(Map.of("assigneeId", UUID.randomUUID().toString()))
                .send()
                .assertProblem(400, "validation_failed");

        assertThat(titles(get(staff, "/api/v1/tasks?assignee=me&status=open")))
                .containsExactly("Call Ann back about the quote");
        assertThat(titles(get(owner, "/api/v1/tasks?assignee=" + staffId))).hasSize(1);
        assertThat(titles(get(owner, "/api/v1/tasks?assignee=me"))).isEmpty();

        Api.Response done = api.post(base + "/" + id + "/completion")
                .in(shop, staff)
                .returningRepresentation()
                .send();
        done.assertStatus(200);
        assertThat(done.json().get("status").asText()).isEqualTo("done");
        assertThat(done.json().get("completedBy").asText()).isEqualTo(staffId);
        assertThat(titles(get(staff, "/api/v1/tasks?assignee=me&status=open"))).isEmpty();
        assertThat(titles(get(owner, base + "?status=done"))).containsExactly("Call Ann back about the quote");
        Api.Response reopened = api.delete(base + "/" + id + "/completion")
                .in(shop, staff)
                .returningRepresentation()
                .send();
        reopened.assertStatus(200);
        assertThat(reopened.json().get("status").asText()).isEqualTo("open");
        assertThat(reopened.json().get("completedAt").isNull()).isTrue();

        Map<String, Object> dated = new HashMap<>();
        dated.put("title", "Renew contract");
        dated.put("dueAt", "2026-11-01T00:00:00Z");
        submit(owner, base, dated).assertStatus(201);
        assertThat(titles(get(owner, "/api/v1/tasks?dueBefore=2026-11-02T00:00:00Z")))
                .containsExactly("Renew contract");
        JsonNode first = get(owner, base + "?limit=2");
        assertThat(first.get("items")).hasSize(2);
        JsonNode next =
                get(owner, base + "?limit=2&cursor=" + first.get("nextCursor").asText());
        assertThat(titles(next)).containsExactly("Renew contract");

        // The contact's own ETag keeps up with its tasks: an update with it is accepted.
        long contactVersion =
                get(owner, "/api/v1/contacts/" + ann).get("version").asLong();
        api.patch("/api/v1/contacts/" + ann)
                .in(shop, owner)
                .ifMatch(contactVersion)
                .json(Map.of("company", "Acme"))
                .send()
                .assertStatus(200);

        await().atMost(SETTLED).untilAsserted(() -> {
            List<String> types = new ArrayList<>();
            get(
                            owner,
                            "/api/v1/contacts/" + ann + "/timeline?types=contact_task_added,contact_task_updated,"
                                    + "contact_task_completed,contact_task_reopened")
                    .get("items")
                    .forEach(e -> types.add(e.get("type").asText()));
            assertThat(types)
                    .containsExactly(
                            "contact_task_added",
                            "contact_task_reopened",
                            "contact_task_completed",
                            "contact_task_updated",
                            "contact_task_added",
                            "contact_task_added");
        });
    }

    @Test
    @DisplayName("bad input is refused with a problem and records nothing")
    void badInput() {
        String ann = contact(owner);
        String base = "/api/v1/contacts/" + ann + "/tasks";
        submit(owner, base, Map.of("title", " ")).assertProblem(400, "validation_failed");
        submit(owner, base, Map.of("title", "x".repeat(501))).assertProblem(400, "validation_failed");
        submit(owner, base, Map.of("title", "Call", "dueAt", "tomorrow")).assertProblem(400, "validation_failed");
        api.post(base + "/" + UUID.randomUUID() + "/completion")
                .in(shop, owner)
                .send()
                .assertProblem(404, "not_found");
        api.get("/api/v1/tasks?assignee=someone").in(shop, owner).send().assertProblem(400, "validation_failed");
        api.get("/api/v1/tasks?status=later").in(shop, owner).send().assertProblem(400, "validation_failed");
        assertThat(get(owner, base).get("items")).isEmpty();
    }

    @Test
    @DisplayName("another tenant and a customer reach no task: not found, forbidden, and nothing written")
    void isolation() {
        String ann = contact(owner);
        String base = "/api/v1/contacts/" + ann + "/tasks";
        String id = submit(owner, base, Map.of("title", "Private matter"))
                .json()
                .get("id")
                .asText();

        Platform.Shop other = platform.newShop();
        String intruder = platform.ownerToken(other);
        api.get(base).in(other, intruder).send().assertProblem(404, "not_found");
        api.get(base + "/" + id).in(other, intruder).send().assertProblem(404, "not_found");
        api.post(base)
                .in(other, intruder)
                .json(Map.of("title", "Mine now"))
                .send()
                .assertProblem(404, "not_found");
        api.patch(base + "/" + id)
                .in(other, intruder)
                .json(Map.of("title", "Mine now"))
                .send()
                .assertProblem(404, "not_found");
        api.post(base + "/" + id + "/completion").in(other, intruder).send().assertProblem(404, "not_found");
        Api.Response theirs = api.get("/api/v1/tasks").in(other, intruder).send();
        theirs.assertStatus(200);
        assertThat(theirs.json().get("items")).isEmpty();

        String customer = customer();
        api.get("/api/v1/tasks").in(shop, customer).send().assertProblem(403, "forbidden");
        api.get(base).in(shop, customer).send().assertProblem(403, "forbidden");
        api.post(base + "/" + id + "/completion").in(shop, customer).send().assertProblem(403, "forbidden");

        JsonNode task = get(owner, base + "/" + id);
        assertThat(task.get("title").asText()).isEqualTo("Private matter");
        assertThat(task.get("status").asText()).isEqualTo("open");
        assertThat(get(owner, base).get("items")).hasSize(1);
    }

    @Test
    @DisplayName("erasing the contact blanks its tasks' titles in the task list and on the timeline")
    void erasure() {
        String ann = contact(owner);
        String base = "/api/v1/contacts/" + ann + "/tasks";
        String id = submit(owner, base, Map.of("title", "Ask Ann about her divorce"))
                .json()
                .get("id")
                .asText();
        api.post("/api/v1/audit/subjects/contact/" + ann + "/erase")
                .in(shop, owner)
                .send()
                .assertStatus(200);
        await().atMost(SETTLED).untilAsserted(() -> {
            assertThat(get(owner, base + "/" + id).get("title").asText()).isEqualTo("[erased]");
            JsonNode entries = get(owner, "/api/v1/contacts/" + ann + "/timeline?types=contact_task_added")
                    .get("items");
            assertThat(entries.get(0).get("payload").get("title").asText()).isEqualTo("[erased]");
        });
    }
}
