package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.catalog.CreateProductCommand;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A projection whose SQL fails for one event parks that event in the dead-letter queue and carries
 * on: the failure neither stops the read model for other tenants nor for the tenant's other
 * resources. A projection written in the command's own transaction (the catalogue) fails the command
 * instead, so that nothing is stored that its rows do not show.
 */
@IntegrationTest
class DeadLetterTest extends ShopTest {

    @Autowired
    CommandGateway commands;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String poison = "poison-" + suffix;
    private final String constraint = "refuses_" + suffix.replace('-', '_');

    @AfterEach
    void liftTheConstraint() throws SQLException {
        asOwner("ALTER TABLE contacts DROP CONSTRAINT IF EXISTS " + constraint);
        asOwner("ALTER TABLE products DROP CONSTRAINT IF EXISTS " + constraint);
    }

    @Test
    @DisplayName("a read-model statement that fails parks its event as a dead letter, and the projection goes on")
    void failingStatementIsDeadLettered() throws SQLException {
        // A read-table constraint that the command side knows nothing of: the contact is accepted,
        // and only the CRM projection's insert fails.
        asOwner("ALTER TABLE contacts ADD CONSTRAINT " + constraint + " CHECK (name <> '" + poison + "')");
        String poisoned = contact(shop, owner, poison);

        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        String elsewhere = contact(other, otherOwner, "fine-" + suffix);
        String sameShop = contact(shop, owner, "also-fine-" + suffix);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(read(other, otherOwner, elsewhere).status())
                    .as("another tenant's contact")
                    .isEqualTo(200);
            assertThat(read(shop, owner, sameShop).status())
                    .as("the tenant's next contact")
                    .isEqualTo(200);
        });
        // The cause as Axon keeps it: its type, and its message cut short (here inside the statement,
        // before the constraint's name).
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT cause_type || ': ' || cause_message FROM dead_letter_entry"
                                        + " WHERE processing_group = 'crm' AND aggregate_identifier = ?",
                                String.class,
                                poisoned))
                        .as("the failed event, parked with its cause")
                        .singleElement()
                        .asString()
                        .startsWith("org.springframework.dao.DataIntegrityViolationException")
                        .contains("INSERT INTO contacts"));
        assertThat(read(shop, owner, poisoned).status())
                .as("the contact whose row could not be written")
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "a failing statement of a projection in the command's transaction fails the command: nothing is stored")
    void failingStatementInTheCommandFailsIt() throws SQLException {
        asOwner("ALTER TABLE products ADD CONSTRAINT " + constraint + " CHECK (name <> '" + poison + "')");
        ProductId poisoned = new ProductId(UUID.randomUUID());

        try (var scope = TenantContext.enter(TenantId.of(shop.id()), null)) {
            assertThatThrownBy(() -> commands.sendAndWait(new CreateProductCommand(
                            poisoned,
                            poison,
                            poison,
                            null,
                            ProductKind.PHYSICAL,
                            Money.of(500, "EUR"),
                            1,
                            null,
                            true,
                            Map.of())))
                    .as("the catalogue's row could not be written")
                    .hasStackTraceContaining(constraint);
        }

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        poisoned.value().toString()))
                .as("the product's events")
                .isZero();
        assertThat(readProduct(shop, owner, poisoned.value().toString()).status())
                .as("the product")
                .isEqualTo(404);
        String fine = api.post("/api/v1/products")
                .in(shop, owner)
                .json(Platform.productBody("fine-" + suffix, "fine-" + suffix, "physical", 500))
                .send()
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        assertThat(readProduct(shop, owner, fine).status())
                .as("the next product, readable at once")
                .isEqualTo(200);
    }

    private String contact(Platform.Shop in, String token, String name) {
        Api.Response created = api.post("/api/v1/contacts")
                .in(in, token)
                .json(Map.of("name", name))
                .send();
        created.assertStatus(201);
        return created.json().get("id").asText();
    }

    private Api.Response read(Platform.Shop in, String token, String contact) {
        return api.get("/api/v1/contacts/" + contact).in(in, token).send();
    }

    private Api.Response readProduct(Platform.Shop in, String token, String product) {
        return api.get("/api/v1/products/" + product).in(in, token).send();
    }

    /** The runtime role may not alter tables: the owner role, as a migration would. */
    private void asOwner(String sql) throws SQLException {
        try (Connection connection = ownerConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
