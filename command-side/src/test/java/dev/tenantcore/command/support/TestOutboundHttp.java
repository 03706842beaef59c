package dev.tenantcore.command.support;

import dev.tenantcore.infra.http.HostResolver;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.OutboundHttpProperties;

/** {@link OutboundHttp} for unit tests, built with the test-only setting spelled out at each use. */
public final class TestOutboundHttp {

    private TestOutboundHttp() {}

    /** Reaches stubs on 127.0.0.1, which production never may. */
    public static OutboundHttp allowingLoopback() {
        return with(true, HostResolver.SYSTEM);
    }

    /** Production's rules: public addresses only. */
    public static OutboundHttp strict(HostResolver names) {
        return with(false, names);
    }

    public static OutboundHttp with(boolean allowPrivateAddresses, HostResolver names) {
        OutboundHttpProperties properties = new OutboundHttpProperties();
        properties.setAllowPrivateAddresses(allowPrivateAddresses);
        return new OutboundHttp(properties, names);
    }
}
