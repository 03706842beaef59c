package dev.tenantcore.app.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;

/**
 * A local stub of Stripe's API for one test class, started before its tests and reset before each.
 * The Stripe driver reads {@code app.payments.stripe.api-base} on every call, so pointing it at the
 * stub here is enough while the application context is shared with other test classes.
 *
 * <pre>{@code @RegisterExtension static final StripeStub stripe = new StripeStub();}</pre>
 */
public final class StripeStub extends WireMockExtension {

    private static final String API_BASE_PROPERTY = "app.payments.stripe.api-base";

    public StripeStub() {
        super(extensionOptions().options(options().dynamicPort().bindAddress("127.0.0.1")));
    }

    @Override
    protected void onBeforeAll(WireMockRuntimeInfo stub) {
        System.setProperty(API_BASE_PROPERTY, stub.getHttpBaseUrl());
    }

    @Override
    protected void onAfterAll(WireMockRuntimeInfo stub) {
        System.clearProperty(API_BASE_PROPERTY);
    }
}
