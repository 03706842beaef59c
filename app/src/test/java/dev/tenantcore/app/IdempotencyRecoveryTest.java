package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CreateCategoryCommand;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an {@code Idempotency-Key} left unfinished by a crash answers: the request is run again
 * only when its command never committed, and a committed command is never run twice.
 */
class IdempotencyRecoveryTest extends ShopTest {

    @Autowired
    CommandGateway commands;

    private Platform.Customer alice;
    private String mug;

    @BeforeEach
    void aCustomerAndAProduct() {
        alice = platform.newCustomer(shop);
        mug = platform.newProduct(
                        shop, owner, "mug-" + UUID.randomUUID().toString().substring(0, 8), 1250, 50)
                .get("id")
                .asText();
    }

    private Api.Response placeWithKey(String key) {
        return api.post("/api/v1/orders")
                .in(shop, alice.token())
                .header("Idempotency-Key", key)
                .json(Orders.body(mug, 1, Orders.BILLING, null))
                .send();
    }

    /**
     * Puts the key back where a crash would have left it, {@code seconds} after its claim: its first
     * request's response forgotten and its state {@code state}.
     */
    private void crashLeaves(String key, String state, int secondsAgo) {
        asTenant(shop, () -> jdbc.update("""
                UPDATE idempotency_keys
                   SET state = ?, response_status = NULL, response_headers = NULL, response_body = NULL,
                       created_at = now() - make_interval(secs => ?)
                 WHERE key = ?
                """, state, (double) secondsAgo, key));
    }

    private String state(String key) {
        return asTenant(
                shop, () -> jdbc.queryForObject("SELECT state FROM idempotency_keys WHERE key = ?", String.class, key));
    }

    private int ordersOfAlice() {
        return api.get("/api/v1/orders")
                .in(shop, alice.token())
                .send()
                .json()
                .get("items")
                .size();
    }

    @Nested
    @DisplayName("a key left pending (the command never committed)")
    class NeverCommitted {

        @Test
        @DisplayName("is still in progress within its lease: a retry gets 409 idempotency_in_progress")
        void withinTheLease() {
            String key = UUID.randomUUID().toString();
            placeWithKey(key).assertStatus(201);
            crashLeaves(key, "pending", 5);

            placeWithKey(key).assertProblem(409, "idempotency_in_progress");
        }

        @Test
        @DisplayName("is taken over once its lease has passed: the retry runs and answers 201")
        void afterTheLease() {
            String key = UUID.randomUUID().toString();
            String first = placeWithKey(key).json().get("id").asText();
            crashLeaves(key, "pending", 120);

            Api.Response retry = placeWithKey(key);
            retry.assertStatus(201);
            assertThat(retry.header("Idempotent-Replayed")).isNull();
            assertThat(retry.json().get("id").asText()).isNotEqualTo(first);
            assertThat(state(key)).isEqualTo("complete");
        }
    }

    @Nested
    @DisplayName("a key left committed (the command committed, its answer was never stored)")
    class Committed {

        @Test
        @DisplayName("is a request still running within the lease: 409 idempotency_in_progress")
        void withinTheLease() {
            String key = UUID.randomUUID().toString();
            placeWithKey(key).assertStatus(201);
            crashLeaves(key, "committed", 5);

            placeWithKey(key).assertProblem(409, "idempotency_in_progress");
            assertThat(ordersOfAlice()).isEqualTo(1);
        }

        @Test
        @DisplayName("answers 409 idempotency_response_lost after it and never places a second order")
        void afterTheLease() {
            String key = UUID.randomUUID().toString();
            placeWithKey(key).assertStatus(201);
            crashLeaves(key, "committed", 3600);

            placeWithKey(key).assertProblem(409, "idempotency_response_lost");
            assertThat(ordersOfAlice()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("the command's own transaction marks the key")
    class CommandMarksTheKey {

        private String claimPending() {
            String key = UUID.randomUUID().toString();
            asTenant(shop, () -> jdbc.update("""
                    INSERT INTO idempotency_keys (tenant_id, caller, key, request_hash, state, created_at, expires_at)
                    VALUES (app_current_tenant(), 'test', ?, 'hash', 'pending', now(), now() + interval '1 day')
                    """, key));
            return key;
        }

        private void send(Object command, String key) {
            try (var scope = TenantContext.enter(TenantId.of(shop.id()), null)) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Map.of("idempotencyCaller", "test", "idempotencyKey", key)));
            }
        }

        @Test
        @DisplayName("committed when the command commits")
        void committed() {
            String key = claimPending();
            send(new CreateCategoryCommand(CategoryId.random(), "Mugs", "mugs-" + key.substring(0, 8), null, 0), key);

            assertThat(state(key)).isEqualTo("committed");
        }

        @Test
        @DisplayName("still pending when the command is refused and rolls back")
        void refused() {
            String key = claimPending();
            String slug = "cups-" + key.substring(0, 8);
            send(new CreateCategoryCommand(CategoryId.random(), "Cups", slug, null, 0), claimPending());
            assertThatThrownBy(() -> send(new CreateCategoryCommand(CategoryId.random(), "Cups", slug, null, 0), key))
                    .as("a second category with the slug")
                    .isNotNull();

            assertThat(state(key)).isEqualTo("pending");
        }
    }
}
