package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ApiTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest extends ApiTest {

    @Test
    @DisplayName("the OpenAPI document describes the API and Swagger UI is served")
    void openApi() {
        Api.Response docs = api.get("/v3/api-docs").send();
        docs.assertStatus(200);
        assertThat(docs.json().get("paths").has("/api/v1/products")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/auth/login")).isTrue();
        api.get("/swagger-ui/index.html").send().assertStatus(200);
    }

    @Test
    @DisplayName("health and readiness are public and show the status only")
    void health() {
        Api.Response health = api.get("/actuator/health").send();
        health.assertStatus(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(api.get("/actuator/health/readiness")
                        .send()
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("UP");
    }

    @Test
    @DisplayName("metrics are for the platform administrator only")
    void prometheus() {
        api.get("/actuator/prometheus").send().assertStatus(401);
        Api.Response metrics =
                api.get("/actuator/prometheus").bearer(platform.adminToken()).send();
        metrics.assertStatus(200);
        assertThat(metrics.body()).contains("http_server_requests");
    }
}
