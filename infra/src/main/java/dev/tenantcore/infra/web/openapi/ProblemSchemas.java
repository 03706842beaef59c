package dev.tenantcore.infra.web.openapi;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.web.ErrorStatus;
import dev.tenantcore.infra.web.Problems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * RFC 9457 problem responses. {@code Problem} lists every {@link ErrorCode}; each status gets its
 * own schema (and shared response) whose {@code code} lists only the codes {@link ErrorStatus} maps
 * to that status, so a client knows which codes to expect from which status.
 */
final class ProblemSchemas {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";

    private static final Map<Integer, String> MEANING = Map.ofEntries(
            Map.entry(400, "The request is not valid: see code, and errors for each field."),
            Map.entry(401, "No valid credential: sign in, or send a valid access token or API key."),
            Map.entry(
                    403,
                    "Refused: the caller's role does not allow this, or the tenant is suspended or closed,"
                            + " or its module is disabled, or the token belongs to another tenant."),
            Map.entry(404, "No such resource, or no tenant registered for the request's domain."),
            Map.entry(405, "The route does not take this method."),
            Map.entry(
                    406,
                    "The Accept header excludes every type the operation answers with (application/json, and"
                            + " application/pdf where the operation offers it)."),
            Map.entry(409, "The resource's state does not allow this, or it conflicts with another one."),
            Map.entry(412, "The resource changed since the version given in If-Match."),
            Map.entry(413, "The request body is too large."),
            Map.entry(415, "The request body must be application/json."),
            Map.entry(422, "The request cannot be carried out as it stands."),
            Map.entry(428, "If-Match is required: read the resource first and send its ETag."),
            Map.entry(429, "Too many requests: wait Retry-After seconds."),
            Map.entry(502, "The payment provider refused the request or could not be reached; nothing was charged."),
            Map.entry(503, "Too busy to take this request now: wait Retry-After seconds."));

    private ProblemSchemas() {}

    static void addTo(Components components) {
        components.addSchemas(
                FIELD_ERROR,
                new ObjectSchema()
                        .description("One invalid field of the request.")
                        .addProperty("field", new StringSchema().example("price.amountMinor"))
                        .addProperty("message", new StringSchema().example("must be greater than or equal to 0"))
                        .required(List.of("field", "message")));
        components.addSchemas(
                PROBLEM,
                problem(Arrays.asList(ErrorCode.values()), null)
                        .description("An error (RFC 9457). Clients branch on code, which never changes meaning."));
        MEANING.keySet().stream().sorted().forEach(status -> {
            components.addSchemas(
                    name(status),
                    problem(codesFor(status), status)
                            .description("A problem answered with status " + status + "; code is one of these."));
            components.addResponses(name(status), response(status));
        });
    }

    /**
     * A whole schema per status rather than {@code allOf} over {@link #PROBLEM}: strict validators
     * (and generated types) treat each part of an {@code allOf} as closed.
     */
    private static Schema<?> problem(List<ErrorCode> codes, Integer status) {
        return new ObjectSchema()
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri-reference")
                                .example(Problems.TYPE_BASE + codes.get(0).code()))
                .addProperty(
                        "title",
                        new StringSchema()
                                .example(
                                        status == null
                                                ? "Not Found"
                                                : HttpStatus.valueOf(status).getReasonPhrase()))
                .addProperty(
                        "status",
                        status == null ? new IntegerSchema().example(404) : new IntegerSchema()._enum(List.of(status)))
                .addProperty("detail", new StringSchema().example("The resource does not exist."))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", codes(codes))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(ref(FIELD_ERROR))
                                .description("For validation_failed: each invalid field."))
                .addProperty(
                        "existingContactId",
                        new StringSchema()
                                .format("uuid")
                                .description(
                                        "For duplicate_contact: the contact that has the e-mail, phone or handle."))
                .addProperty(
                        "line",
                        new IntegerSchema().description("For invalid_rule_condition: the line of the error, from 1."))
                .addProperty(
                        "column",
                        new IntegerSchema().description("For invalid_rule_condition: the column of the error, from 1."))
                .required(List.of("type", "title", "status", "code"));
    }

    /** Adds the problem response for {@code status}, unless the operation already describes that status. */
    static void addResponse(ApiResponses responses, int status) {
        String key = Integer.toString(status);
        if (!responses.containsKey(key)) {
            responses.addApiResponse(key, new ApiResponse().$ref("#/components/responses/" + name(status)));
        }
    }

    private static ApiResponse response(int status) {
        MediaType media = new MediaType().schema(ref(name(status)));
        Map<String, Object> example = new LinkedHashMap<>();
        ErrorCode code = codesFor(status).get(0);
        example.put("type", Problems.TYPE_BASE + code.code());
        example.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        example.put("status", status);
        example.put("detail", MEANING.get(status));
        example.put("code", code.code());
        if (code == ErrorCode.VALIDATION_FAILED) {
            example.put("errors", List.of(Map.of("field", "name", "message", "must not be blank")));
        }
        media.setExample(example);
        ApiResponse response = new ApiResponse()
                .description(MEANING.get(status))
                .content(new Content()
                        .addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, media));
        RateLimitHeaders.addTo(Integer.toString(status), response);
        return response;
    }

    private static List<ErrorCode> codesFor(int status) {
        return Arrays.stream(ErrorCode.values())
                .filter(code -> ErrorStatus.of(code).value() == status)
                .toList();
    }

    private static Schema<?> codes(List<ErrorCode> codes) {
        return new StringSchema()
                ._enum(codes.stream().map(ErrorCode::code).toList())
                .description("The stable error code.");
    }

    private static String name(int status) {
        StringBuilder name = new StringBuilder();
        for (String word : HttpStatus.valueOf(status).name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.append(PROBLEM).toString();
    }

    static Schema<?> ref(String schema) {
        return new Schema<>().$ref("#/components/schemas/" + schema);
    }
}
