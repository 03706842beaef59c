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
}
