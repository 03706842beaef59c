package dev.tenantcore.app.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every end-to-end test starts from: the running application's API over real HTTP, and the
 * platform through which it makes its own tenants.
 */
@IntegrationTest
public abstract class ApiTest {

    @LocalServerPort
    protected int port;

    protected Api api;
    protected Platform platform;

    @BeforeEach
    final void connectToTheApi() {
        api = new Api(port);
        platform = new Platform(api);
    }
}
