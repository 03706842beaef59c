package dev.tenantcore.app.support;

import org.junit.jupiter.api.BeforeEach;

/** An end-to-end test whose every case starts with a fresh shop of its own and its owner signed in. */
public abstract class ShopTest extends ApiTest {

    protected Platform.Shop shop;
    protected String owner;

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

    /** Sends a transition such as {@code /api/v1/orders/{id}/cancel}, asking for the new state back. */
    protected Api.Response transition(String token, String path) {
        return api.post(path).in(shop, token).returningRepresentation().send();
    }
}
