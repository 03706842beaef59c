package dev.tenantcore.infra.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class AnsweredStatusesTest {

    static class Handlers {
        ResponseEntity<String> create() {
            return ResponseEntity.created(URI.create("/x")).body("x");
        }

        ResponseEntity<String> acceptOrRefuse(boolean ok) {
            return ok
                    ? ResponseEntity.accepted().body("x")
                    : ResponseEntity.status(HttpStatus.CONFLICT).build();
        }

        ResponseEntity<Void> delete() {
            return ResponseEntity.noContent().build();
        }

        String plain() {
            return "x";
        }
    }

    @Test
    @DisplayName("a handler's statuses are read from the ResponseEntity factories its code calls")
    void readsStatusesFromCode() throws Exception {
        assertThat(AnsweredStatuses.of(Handlers.class.getDeclaredMethod("create")))
                .containsExactly(201);
        assertThat(AnsweredStatuses.of(Handlers.class.getDeclaredMethod("acceptOrRefuse", boolean.class)))
                .containsExactly(202, 409);
        assertThat(AnsweredStatuses.of(Handlers.class.getDeclaredMethod("delete")))
                .containsExactly(204);
        assertThat(AnsweredStatuses.of(Handlers.class.getDeclaredMethod("plain")))
                .isEmpty();
    }

    @Test
    @DisplayName("tags name the resource of a route, platform routes included")
    void tagsNameResources() {
        assertThat(ContractCustomizer.tagFor("/api/v1/products/{id}/deactivate"))
                .isEqualTo("Products");
        assertThat(ContractCustomizer.tagFor("/api/v1/platform/tenants/{id}")).isEqualTo("Tenants");
        assertThat(ContractCustomizer.tagFor("/api/v1/api-keys")).isEqualTo("API keys");
        assertThat(ContractCustomizer.tagFor("/api/v1/payment-providers/{provider}"))
                .isEqualTo("Payment providers");
        assertThat(ContractCustomizer.tagFor("/.well-known/jwks.json")).isEqualTo("Auth");
    }
}
