package dev.tenantcore.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** An end-to-end test whose every case starts with a fresh shop of its own and its owner signed in. */
public abstract class ShopTest extends ApiTest {

    protected Platform.Shop shop;
    protected String owner;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected PlatformTransactionManager transactionManager;

    @Autowired
    private Environment environment;

    @BeforeEach
    final void openAShop() {
        shop = platform.newShop();
        owner = platform.ownerToken(shop);
    }

    /** Posts {@code body} to the shop's {@code path} signed in with {@code token}, asking for the result back. */
    protected Api.Response submit(String token, String path, Object body) {
        return api.post(path)
                .in(shop, token)
                .returningRepresentation()
                .json(body)
                .send();
    }

    /** A newly registered customer of the shop: their access token. */
    protected String customer() {
        return platform.customerToken(shop);
    }

    /** Sends a transition such as {@code /api/v1/orders/{id}/cancel}, asking for the new state back. */
    protected Api.Response transition(String token, String path) {
        return api.post(path).in(shop, token).returningRepresentation().send();
    }

    /**
     * A connection of the database's owner role, the one the migrations run as: for what the runtime
     * role may not do (alter a table, read or change stored events as they are). Row-level security is
     * forced on the owner too; the caller closes it.
     */
    protected Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(
                environment.getProperty("spring.flyway.url"),
                environment.getProperty("spring.flyway.user"),
                environment.getProperty("spring.flyway.password", ""));
    }

    /**
     * Runs {@code work} in a transaction as the tenant {@code in}: row-level security shows a test
     * that tenant's rows only, as it shows them to the application.
     */
    protected <T> T asTenant(Platform.Shop in, Supplier<T> work) {
        try (var scope = TenantContext.enter(TenantId.of(in.id()), null)) {
            return new TransactionTemplate(transactionManager).execute(status -> work.get());
        }
    }

    /**
     * The customer's accepted order for {@code quantity} of a new product at 12.50 with 5 in stock,
     * billed to {@link Orders#BILLING}: its representation.
     */
    protected JsonNode placeOrder(String customer, int quantity) {
        String mug = platform.newProduct(
                        shop, owner, "mug-" + UUID.randomUUID().toString().substring(0, 8), 1250)
                .get("id")
                .asText();
        Api.Response placed = Orders.place(api, shop, customer, Orders.body(mug, quantity, Orders.BILLING, null));
        placed.assertStatus(201);
        return placed.json();
    }

    /** Another payment of the customer's pending order with {@code provider}, read back as it stands. */
    protected Api.Response pay(String customer, String orderId, String provider) {
        return api.post("/api/v1/payments")
                .origin(shop.domain())
                .bearer(customer)
                .header("Prefer", "return=representation")
                .json(Map.of("orderId", orderId, "provider", provider))
                .send();
    }

    /**
     * Closes the order's payment window now instead of after its 30 minutes: the stored durable
     * deadline is moved to the present, and the scheduler fires it within a moment.
     */
    protected void closePaymentWindow(String orderId) {
        assertThat(jdbc.update(
                        "UPDATE scheduled_tasks SET execution_time = now() WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                        orderId))
                .as("the order's one payment window")
                .isEqualTo(1);
    }

    /** A payment of this shop as {@code token} reads it; the read must succeed. */
    protected JsonNode payment(String token, String id) {
        return Orders.payment(api, shop, token, id);
    }
}
