package dev.tenantcore.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Reads what tests need from the API's answers: token claims, and problems without their request path. */
public final class Tokens {

    private Tokens() {}

    public static JsonNode claims(String jwt) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return new Api.Response(200, Map.of(), json).json();
    }

    /** The session a token belongs to. */
    public static String sessionOf(String jwt) {
        return claims(jwt).get("sid").asText();
    }

    /** A problem body without {@code instance}, which names the request path and so differs per id. */
    public static JsonNode withoutInstance(Api.Response response) {
        JsonNode body = response.json();
        if (body instanceof ObjectNode object) {
            object.remove("instance");
        }
        return body;
    }
}
