package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API document: what it promises, and that the committed copy ({@code docs/openapi.json}, from
 * which clients are generated) is the one the application serves. Regenerate the copy with
 * {@code ./mvnw -pl app -am verify -Dtest=ApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dopenapi.write=true}.
 */
@IntegrationTest
class ApiDocumentTest {

    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @LocalServerPort
    int port;

    JsonNode document;

    @BeforeEach
    void setUp() {
        Api.Response served = new Api(port).get("/v3/api-docs").send();
        served.assertStatus(200);
        document = served.json();
    }

    @Test
    @DisplayName("the committed docs/openapi.json is the document the application serves")
    void committedDocumentIsCurrent() throws IOException {
        String current = canonical(document.toString());
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, current);
        }
        assertThat(Files.exists(COMMITTED))
                .as("docs/openapi.json is missing; " + howToRegenerate())
                .isTrue();
        assertThat(canonical(Files.readString(COMMITTED)))
                .as("docs/openapi.json is stale; " + howToRegenerate())
                .isEqualTo(current);
    }

    @Test
    @DisplayName("the document names the API and offers bearer tokens and API keys, but not on public routes")
    void securitySchemes() {
        assertThat(document.at("/info/title").asText()).isEqualTo("tenantcore API");
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/apiKey/name").asText())
                .isEqualTo("X-Api-Key");
        assertThat(document.at("/paths/~1api~1v1~1products/get/security").findValuesAsText("bearerAuth"))
                .isNotNull();
        assertThat(document.at("/paths/~1api~1v1~1products/get/security").size())
                .isEqualTo(2);
        assertThat(document.at("/paths/~1api~1v1~1public~1products/get/security")
                        .isMissingNode())
                .isTrue();
        assertThat(document.at("/paths/~1api~1v1~1auth~1login/post/security").isMissingNode())
                .isTrue();
        assertThat(document.at("/paths/~1api~1v1~1platform~1tenants/get/security")
                        .size())
                .as("platform routes take no API key")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("Idempotency-Key is a parameter of exactly the routes that honour it")
    void idempotencyKey() {
        assertThat(headerParameters("/api/v1/orders", "post")).contains("Idempotency-Key");
        assertThat(headerParameters("/api/v1/payments", "post")).contains("Idempotency-Key");
        assertThat(headerParameters("/api/v1/products", "post")).doesNotContain("Idempotency-Key");
    }

    @Test
    @DisplayName("the invoice route offers application/pdf beside JSON")
    void invoicePdf() {
        JsonNode content = document.at("/paths/~1api~1v1~1invoices~1{id}/get/responses/200/content");
        assertThat(content.has("application/pdf")).isTrue();
        assertThat(content.has("application/json")).isTrue();
    }

    @Test
    @DisplayName("every 4xx is problem+json whose code lists only the error codes of that status")
    void problems() {
        List<String> statuses = new ArrayList<>();
        document.get("paths")
                .forEach(item -> item.forEach(operation -> operation
                        .get("responses")
                        .fields()
                        .forEachRemaining(r -> {
                            if (r.getKey().startsWith("4")) {
                                statuses.add(r.getKey());
                                assertThat(resolve(r.getValue()).at("/content").fieldNames())
                                        .toIterable()
                                        .containsExactly("application/problem+json");
                            }
                        })));
        assertThat(statuses).contains("400", "401", "403", "404", "409", "412", "413", "415", "422", "429");
        List<String> all = new ArrayList<>();
        document.at("/components/schemas/Problem/properties/code/enum").forEach(c -> all.add(c.asText()));
        assertThat(all).hasSize(ErrorCode.values().length).contains("validation_failed", "version_conflict");
        assertThat(document.at("/components/schemas/PreconditionFailedProblem/properties/code/enum")
                        .toString())
                .isEqualTo("[\"version_conflict\"]");
        assertThat(document.at("/components/schemas/Problem/properties/errors/items/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/FieldError");
    }

    @Test
    @DisplayName("429 answers say when to retry, and counted answers carry the rate-limit headers")
    void rateLimitHeaders() {
        JsonNode responses = document.at("/paths/~1api~1v1~1orders/post/responses");
        assertThat(resolve(responses.get("429"))
                        .at("/headers/Retry-After/required")
                        .asBoolean())
                .isTrue();
        assertThat(resolve(responses.at("/201/headers/RateLimit-Remaining"))
                        .get("required")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @DisplayName("tags name resources, not controller classes")
    void tags() {
        List<String> tags = new ArrayList<>();
        document.get("tags").forEach(t -> tags.add(t.get("name").asText()));
        assertThat(tags)
                .contains(
                        "Products",
                        "Categories",
                        "Orders",
                        "Payments",
                        "Invoices",
                        "Tenants",
                        "Users",
                        "Auth",
                        "API keys");
        assertThat(tags).noneMatch(t -> t.contains("controller"));
    }

    /** The object itself, or the component its $ref names. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }

    private List<String> headerParameters(String path, String method) {
        List<String> names = new ArrayList<>();
        document.at("/paths/" + path.replace("/", "~1") + "/" + method + "/parameters")
                .forEach(p -> {
                    if ("header".equals(p.get("in").asText())) {
                        names.add(p.get("name").asText());
                    }
                });
        return names;
    }

    private static String canonical(String json) throws IOException {
        return JSON.writeValueAsString(JSON.readValue(json, Object.class)) + "\n";
    }

    private static String howToRegenerate() {
        return "regenerate it with ./mvnw -pl app -am verify -Dtest=ApiDocumentTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true";
    }
}
