package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.ShopTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile and broken input: each gets a 4xx problem with a stable code, nothing reaches the event
 * store, and the service answers the next request normally.
 */
class BadInputTest extends ShopTest {

    private static final String VALID = "{\"name\":\"Tea\",\"slug\":\"tea\",\"kind\":\"physical\","
            + "\"price\":{\"amountMinor\":100,\"currency\":\"EUR\"}}";

    @Autowired
    JdbcTemplate jdbc;

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\": ", 400, "malformed_request"),
                Arguments.of("not an object", "[1,2,3]", 400, null),
                Arguments.of(
                        "wrong type",
                        VALID.replace("\"amountMinor\":100", "\"amountMinor\":\"cheap\""),
                        400,
                        "validation_failed"),
                Arguments.of(
                        "fractional minor units",
                        VALID.replace("\"amountMinor\":100", "\"amountMinor\":1.5"),
                        400,
                        "validation_failed"),
                Arguments.of("unknown enum value", VALID.replace("physical", "imaginary"), 400, "validation_failed"),
                Arguments.of(
                        "negative price",
                        VALID.replace("\"amountMinor\":100", "\"amountMinor\":-1"),
                        400,
                        "validation_failed"),
                Arguments.of("unknown currency", VALID.replace("EUR", "XXQ"), 400, "validation_failed"),
                Arguments.of(
                        "overlong name",
                        VALID.replace("\"Tea\"", "\"" + "x".repeat(201) + "\""),
                        400,
                        "validation_failed"),
                Arguments.of(
                        "slug with injection",
                        VALID.replace("\"tea\"", "\"tea'; DROP TABLE products; --\""),
                        400,
                        "validation_failed"),
                Arguments.of(
                        "bad category UUID",
                        VALID.replace("{\"name\"", "{\"categoryId\":\"not-a-uuid\",\"name\""),
                        400,
                        "validation_failed"),
                Arguments.of(
                        "foreign category",
                        VALID.replace("{\"name\"", "{\"categoryId\":\"" + java.util.UUID.randomUUID() + "\",\"name\""),
                        400,
                        "validation_failed"),
                Arguments.of(
                        "unknown field",
                        VALID.replace("{\"name\"", "{\"isAdmin\":true,\"name\""),
                        400,
                        "validation_failed"),
                Arguments.of("missing fields", "{}", 400, "validation_failed"),
                Arguments.of("null body", "null", 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    @DisplayName("a bad product body is refused with a problem and writes nothing")
    void badBodiesAreRefused(String name, String body, int status, String code) {
        long eventsBefore = events();
        Api.Response response =
                api.post("/api/v1/products").in(shop, owner).raw(body).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        if (code != null) {
            assertThat(response.code()).isEqualTo(code);
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.tenantcore");
        assertThat(events()).isEqualTo(eventsBefore);
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("validation errors list each offending field")
    void fieldErrorsAreListed() {
        Api.Response response = api.post("/api/v1/products")
                .in(shop, owner)
                .json(Map.of("name", "", "slug", "Not A Slug", "kind", "digital"))
                .send();
        response.assertStatus(400);
        assertThat(response.json().get("errors").toString())
                .contains("name")
                .contains("slug")
                .contains("price");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a body over 1 MB is refused with 413")
    void oversizedBody() {
        long eventsBefore = events();
        String huge = VALID.replace("\"Tea\"", "\"" + "x".repeat(1_100_000) + "\"");
        Api.Response response =
                api.post("/api/v1/products").in(shop, owner).raw(huge).send();
        response.assertProblem(413, "payload_too_large");
        assertThat(events()).isEqualTo(eventsBefore);
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("bytes that are not UTF-8 are refused with 400")
    void badUtf8() {
        byte[] body = VALID.replace("Tea", "T\u00ffa").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Api.Response response =
                api.post("/api/v1/products").in(shop, owner).bytes(body).send();
        response.assertStatus(400);
        stillServing();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("bad path ids, bad If-Match, wrong media type and wrong method are 4xx problems")
    void badRequestShapes() {
        assertThat(api.get("/api/v1/products/not-a-uuid").in(shop, owner).send().code())
                .isEqualTo("validation_failed");
        String id = platform.newProduct(shop, owner, "shape", 100).get("id").asText();
        assertThat(api.patch("/api/v1/products/" + id)
                        .in(shop, owner)
                        .header("If-Match", "yesterday")
                        .json(Map.of("name", "x"))
                        .send()
                        .code())
                .isEqualTo("validation_failed");
        api.post("/api/v1/products")
                .in(shop, owner)
                .header("Content-Type", "text/plain")
                .raw(VALID)
                .send()
                .assertStatus(415);
        api.put("/api/v1/products").in(shop, owner).raw(VALID).send().assertStatus(405);
        api.get("/api/v1/products?limit=100000").in(shop, owner).send().assertStatus(400);
        stillServing();
    }

    private long events() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private void stillServing() {
        api.get("/actuator/health").send().assertStatus(200);
        api.get("/api/v1/public/products").origin(shop.domain()).send().assertStatus(200);
    }
}
