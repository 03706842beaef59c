package dev.tenantcore.app.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks each response a test receives against the OpenAPI document that the application serving
 * it publishes, with swagger-request-validator: the status must be documented for the operation,
 * the body must match its schema and content type, and every required header must be there. A
 * mismatch fails the test, so the document cannot drift from what the API really does.
 */
final class Contract {

    /** Requests outside the API contract: CORS preflights, and the operational endpoints. */
    private static final Set<String> UNDESCRIBED_METHODS = Set.of("OPTIONS", "HEAD", "TRACE");

    private static final List<String> DESCRIBED_PREFIXES = List.of("/api/", "/.well-known/");
    /** What the validator says about a request that matches no documented operation. */
    private static final Set<String> UNDOCUMENTED_OPERATION =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private static final Map<Integer, Validators> VALIDATORS = new ConcurrentHashMap<>();

    /** Whole exchanges against the document; single bodies against one of its schemas. */
    private record Validators(OpenApiInteractionValidator exchanges, OpenAPI document, SchemaValidator schemas) {}

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger CHECKED = new AtomicInteger();

    static {
        // How many responses this test JVM checked, for the build's summary.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Path target = Path.of("target");
                if (Files.isDirectory(target)) {
                    Files.writeString(
                            target.resolve("contract-checked-responses.txt"), CHECKED.get() + System.lineSeparator());
                }
            } catch (IOException ignored) {
                // Only a statistic.
            }
        }));
    }

    private Contract() {}

    static void check(int port, String method, String target, Api.Response response) {
        String path = URI.create(target).getRawPath();
        if (UNDESCRIBED_METHODS.contains(method.toUpperCase(Locale.ROOT))
                || DESCRIBED_PREFIXES.stream().noneMatch(path::startsWith)) {
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        response.headers().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                answer.withHeader(name, values);
            }
        });
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        Validators validators = load(port);
        ValidationReport report = validators
                .exchanges()
                .validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), answer.build());
        if (report.getMessages().stream().anyMatch(m -> UNDOCUMENTED_OPERATION.contains(m.getKey()))) {
            report = undocumentedOperation(validators, response);
        }
        CHECKED.incrementAndGet();
        if (report.hasErrors()) {
            throw new AssertionError("The response to " + method + " " + target + " does not match the API document"
                    + " (/v3/api-docs):\n"
                    + report.getMessages().stream()
                            .map(m -> "  - " + m.getKey() + ": " + m.getMessage())
                            .reduce((a, b) -> a + "\n" + b)
                            .orElse("")
                    + "\nresponse: " + response);
        }
    }

    /**
     * A request that no documented operation takes (a wrong method, an unknown path, a path that is
     * not plain) must be refused with 404, 405 or 400 and the document's problem for that status.
     */
    private static ValidationReport undocumentedOperation(Validators validators, Api.Response response) {
        String name = switch (response.status()) {
            case 400 -> "BadRequestProblem";
            case 404 -> "NotFoundProblem";
            case 405 -> "MethodNotAllowedProblem";
            default -> null;
        };
        if (name == null) {
            return ValidationReport.singleton(ValidationReport.Message.create(
                            "contract.undocumented.status",
                            "A request outside the documented operations must get 400, 404 or 405, not "
                                    + response.status())
                    .build());
        }
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return ValidationReport.singleton(ValidationReport.Message.create(
                            "contract.undocumented.contentType", "Expected application/problem+json, got " + type)
                    .build());
        }
        return validators
                .schemas()
                .validate(
                        response.body(),
                        validators.document().getComponents().getSchemas().get(name),
                        "response.body");
    }

    /** The document the application on {@code port} serves, fetched once per port. */
    static String document(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                .timeout(Duration.ofSeconds(180))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/v3/api-docs answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The validators for the document of the application on {@code port}, built once per port. */
    static Validators load(int port) {
        return VALIDATORS.computeIfAbsent(port, p -> {
            String document = document(p);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            OpenAPI parsed =
                    new OpenAPIV3Parser().readContents(document, null, options).getOpenAPI();
            return new Validators(
                    OpenApiInteractionValidator.createForInlineApiSpecification(document)
                            .build(),
                    parsed,
                    new SchemaValidator(parsed, new MessageResolver()));
        });
    }
}
