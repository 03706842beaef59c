package dev.tenantcore.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A shop test about tenant domains: each case also has a web server that test domains resolve to
 * (through {@link LocalDomains}), on which a domain's verification file is published.
 */
public abstract class DomainTest extends ShopTest {

    @Autowired
    protected LocalDomains localDomains;

    protected VerificationServer webServer;

    @BeforeEach
    final void startTheWebServer() {
        webServer = VerificationServer.start(localDomains);
    }

    @AfterEach
    final void stopTheWebServer() {
        webServer.close();
    }

    /** The entry of {@code domain} in a tenant's domain list; fails when it is not there. */
    protected static JsonNode domainNamed(JsonNode list, String domain) {
        for (JsonNode d : list.get("items")) {
            if (d.get("domain").asText().equals(domain)) {
                return d;
            }
        }
        throw new AssertionError(domain + " is not in " + list);
    }

    /** The problem body apart from {@code instance}, which names the request's own path. */
    protected static JsonNode withoutInstance(Api.Response response) {
        ObjectNode body = (ObjectNode) response.json().deepCopy();
        body.remove("instance");
        return body;
    }
}
