package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Restarts;
import dev.tenantcore.app.support.TcpProxy;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * What a Kubernetes probe sees when the database goes away: readiness down (the node takes no
 * traffic it cannot serve), liveness up (restarting it would not bring the database back).
 */
@IntegrationTest
@DisplayName("Readiness")
class ReadinessTest {

    private static final Pattern HOST_AND_PORT = Pattern.compile("//([^:/]+):(\\d+)/");

    @Autowired
    Environment environment;

    private static String status(Api.Response health) {
        return health.json().get("status").asText();
    }

    @Test
    @DisplayName("goes down while the database is unreachable and comes back with it; liveness stays up")
    void databaseOutage() throws Exception {
        String url = environment.getProperty("spring.datasource.url");
        Matcher database = HOST_AND_PORT.matcher(url);
        assertThat(database.find()).as("host and port in %s", url).isTrue();

        try (TcpProxy link = new TcpProxy(database.group(1), Integer.parseInt(database.group(2)));
                ConfigurableApplicationContext node = Restarts.join(
                        environment,
                        "--spring.datasource.url=" + url.replace(database.group(0), "//127.0.0.1:" + link.port() + "/"),
                        "--spring.datasource.hikari.connection-timeout=1500",
                        "--spring.datasource.hikari.validation-timeout=1000")) {
            Api api = Restarts.api(node);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/actuator/health/readiness").send().status() == 200);

            link.cut();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Api.Response readiness = api.get("/actuator/health/readiness").send();
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(status(readiness)).isEqualTo("DOWN");
            });
            Api.Response liveness = api.get("/actuator/health/liveness").send();
            liveness.assertStatus(200);
            assertThat(status(liveness)).isEqualTo("UP");

            link.restore();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Api.Response readiness = api.get("/actuator/health/readiness").send();
                assertThat(readiness.status()).isEqualTo(200);
                assertThat(status(readiness)).isEqualTo("UP");
            });
        }
    }
}
