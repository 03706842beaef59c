package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.Restarts;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A rule's wait is a db-scheduler task in PostgreSQL: the application stops while a run waits, and
 * the next start finishes the run, once. The second start caps each tenant's queued steps at two, so
 * the waiting run fills its tenant's queue: that tenant's next run is refused as {@code throttled},
 * while another tenant's runs start as usual.
 */
class AutomationWaitRestartTest {

    private static final Duration SETTLED = Duration.ofSeconds(30);
    private static final String RULES = "/api/v1/automations/rules";
    private static final String WAKE_UP =
            "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'automation-step' AND task_instance = ?";

    @Test
    @DisplayName(
            "a run waiting when the application stops finishes after the restart, once; a tenant over its step cap is throttled, another is not")
    void waitSurvivesRestart() throws Exception {
        Path dataDir = Restarts.dataDirectory("automation-wait-");
        Platform.Shop shop;
        String rule;
        String run;
        String contact;
        try (ConfigurableApplicationContext first = Restarts.start(dataDir)) {
            Api api = Restarts.api(first);
            Platform platform = new Platform(api);
            shop = platform.newShop();
            String owner = platform.ownerToken(shop);
            rule = enabledRule(api, shop, owner);
            contact = newContact(api, shop, owner);
            JsonNode waiting = awaitRun(api, shop, owner, rule, "waiting");
            run = waiting.get("id").asText();
            assertThat(waiting.get("steps").get(0).get("status").asText()).isEqualTo("waiting");
            assertThat(waiting.get("steps").get(0).get("dueAt").isNull()).isFalse();
            assertThat(first.getBean(JdbcTemplate.class).queryForObject(WAKE_UP, Integer.class, run + ":wait-0"))
                    .isEqualTo(1);
        }
        try (ConfigurableApplicationContext second = Restarts.start(dataDir, "--app.automations.max-queued-steps=2")) {
            Api api = Restarts.api(second);
            Platform platform = new Platform(api);
            String owner = platform.ownerToken(shop);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject(WAKE_UP, Integer.class, run + ":wait-0"))
                    .as("not lost, not doubled")
                    .isEqualTo(1);
            assertThat(awaitRun(api, shop, owner, rule, "waiting").get("id").asText())
                    .isEqualTo(run);

            // The waiting run's two steps fill the shop's queue: its next run is refused, and logged.
            newContact(api, shop, owner);
            JsonNode throttled = awaitRun(api, shop, owner, rule, "throttled");
            assertThat(throttled.get("error").asText()).contains("at most 2");
            assertThat(throttled.get("steps")).isEmpty();

            // Another tenant's run is not held back by this one's queue.
            Platform.Shop other = platform.newShop();
            String otherOwner = platform.ownerToken(other);
            String otherRule = enabledRule(api, other, otherOwner);
            newContact(api, other, otherOwner);
            awaitRun(api, other, otherOwner, otherRule, "waiting");

            // The wait ends (brought forward rather than waited out): the step's due time and its
            // wake-up both move to now, and the run finishes, once.
            assertThat(jdbc.execute((ConnectionCallback<Integer>) connection -> {
                        connection.setAutoCommit(false);
                        try (PreparedStatement tenant =
                                        connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
                                PreparedStatement due =
                                        connection.prepareStatement("UPDATE automation_run_steps SET due_at = now()"
                                                + " WHERE run_id = CAST(? AS uuid) AND position = 0")) {
                            tenant.setString(1, shop.id());
                            tenant.execute();
                            due.setString(1, run);
                            int changed = due.executeUpdate();
                            connection.commit();
                            return changed;
                        } finally {
                            connection.setAutoCommit(true);
                        }
                    }))
                    .isEqualTo(1);
            assertThat(jdbc.update(
                            "UPDATE scheduled_tasks SET execution_time = now() WHERE task_name = 'automation-step'"
                                    + " AND task_instance = ?",
                            run + ":wait-0"))
                    .isEqualTo(1);
            JsonNode completed = Awaitility.await()
                    .atMost(SETTLED)
                    .until(() -> find(runs(api, shop, owner, rule), "completed"), found -> found != null);
            assertThat(completed.get("id").asText()).isEqualTo(run);
            assertThat(completed.get("steps").findValuesAsText("status")).containsExactly("done", "done");
            Awaitility.await()
                    .atMost(SETTLED)
                    .untilAsserted(() -> assertThat(api.get("/api/v1/contacts/" + contact)
                                    .in(shop, owner)
                                    .send()
                                    .json()
                                    .get("tags")
                                    .toString())
                            .contains("followed-up"));
            Awaitility.await()
                    .atMost(SETTLED)
                    .until(() -> jdbc.queryForObject(WAKE_UP, Integer.class, run + ":wait-0") == 0);
        }
    }

    private static String enabledRule(Api api, Platform.Shop shop, String owner) {
        Api.Response created = api.post(RULES)
                .in(shop, owner)
                .json(Map.of(
                        "name",
                        "Follow up",
                        "trigger",
                        "contact.created",
                        "actions",
                        List.of(
                                Map.of("type", "wait", "duration", "PT5M"),
                                Map.of("type", "add_tag", "tag", "followed-up"))))
                .send();
        created.assertStatus(201);
        String id = created.json().get("id").asText();
        api.post(RULES + "/" + id + "/enable").in(shop, owner).send().assertStatus(200);
        return id;
    }

    private static String newContact(Api api, Platform.Shop shop, String owner) {
        Api.Response created = api.post("/api/v1/contacts")
                .in(shop, owner)
                .json(Map.of(
                        "name",
                        "Ann Lee",
                        "emails",
                        List.of("ann." + UUID.randomUUID().toString().substring(0, 8) + "@example.com")))
                .send();
        created.assertStatus(201);
        return created.json().get("id").asText();
    }

    private static JsonNode runs(Api api, Platform.Shop shop, String owner, String rule) {
        Api.Response page =
                api.get(RULES + "/" + rule + "/runs").in(shop, owner).send();
        page.assertStatus(200);
        return page.json().get("items");
    }

    private static JsonNode find(JsonNode runs, String status) {
        for (JsonNode run : runs) {
            if (status.equals(run.get("status").asText())) {
                return run;
            }
        }
        return null;
    }

    private static JsonNode awaitRun(Api api, Platform.Shop shop, String owner, String rule, String status) {
        return Awaitility.await()
                .atMost(SETTLED)
                .until(() -> find(runs(api, shop, owner, rule), status), found -> found != null);
    }
}
