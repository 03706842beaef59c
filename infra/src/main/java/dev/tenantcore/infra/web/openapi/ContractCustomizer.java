package dev.tenantcore.infra.web.openapi;

import dev.tenantcore.api.common.CommandAccepted;
import dev.tenantcore.infra.edge.RateLimitFilter;
import dev.tenantcore.infra.idempotency.IdempotencyFilter;
import dev.tenantcore.infra.idempotency.Idempotent;
import dev.tenantcore.infra.security.PublicEndpoints;
import dev.tenantcore.infra.tenancy.TenantResolutionFilter;
import dev.tenantcore.infra.web.CommandEndpoint;
import dev.tenantcore.infra.web.ConditionalRequest;
import dev.tenantcore.infra.web.ProblemResponses;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Turns springdoc's description of the controllers into the API contract. Per operation (from its
 * handler's annotations): command responses, {@code Idempotency-Key}, {@code 204} for handlers
 * that answer no body, the roles it requires. Per route (from its path): security, tag, error
 * responses, rate-limit headers, a stable operation id. Then for the whole document: the problem
 * schemas and, for every schema only ever answered, every property required (Jackson writes them
 * all, nulls included).
 */
final class ContractCustomizer implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String HANDLER = "x-handler";
    private static final String ROLES = "x-required-roles";
    private static final String PROBLEMS = "x-problem-statuses";
    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");
    private static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
    private static final String API_PREFIX = "/api/v1/";
    private static final Map<String, String> TAG_NAMES = Map.of(
            "api-keys", "API keys",
            "public", "Storefront",
            "tenant", "Own tenant",
            ".well-known", "Auth");

    private final RateLimitFilter rateLimits;
    /** Schemas that operations refer to but springdoc may not have met on its own. */
    private final Map<String, Schema<?>> referenced = new ConcurrentHashMap<>();

    ContractCustomizer(RateLimitFilter rateLimits) {
        this.rateLimits = rateLimits;
    }

    // ---------------------------------------------------------------- per operation, from its handler

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        operation.addExtension(HANDLER, handler.getMethod().getName());
        List<String> roles = roles(handler);
        if (!roles.isEmpty()) {
            operation.addExtension(ROLES, roles);
        }
        CommandEndpoint command = commandEndpoint(handler);
        if (command != null) {
            describeCommand(operation, command);
        } else if (takesConditionalRequest(handler)) {
            describeIfMatch(operation);
        }
        if (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Idempotent.class)) {
            describeIdempotency(operation);
        }
        ProblemResponses problems =
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ProblemResponses.class);
        if (problems != null) {
            operation.addExtension(PROBLEMS, problems.value());
        }
        if (command == null && operation.getResponses() != null) {
            describeStatuses(operation.getResponses(), handler);
        }
        return operation;
    }

    /** The method's own {@link CommandEndpoint}, else its controller's. */
    private static CommandEndpoint commandEndpoint(HandlerMethod handler) {
        CommandEndpoint command =
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), CommandEndpoint.class);
        return command != null
                ? command
                : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), CommandEndpoint.class);
    }

    private static List<String> roles(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        List<String> roles = new ArrayList<>();
        if (rule != null) {
            Matcher m = ROLE.matcher(rule.value());
            while (m.find()) {
                roles.add(m.group(1));
            }
        }
        return roles;
    }

    private void describeCommand(Operation operation, CommandEndpoint command) {
        String representation = schemaOf(command.representation());
        String accepted = schemaOf(CommandAccepted.class);
        Schema<?> body =
                new ComposedSchema().oneOf(List.of(new Schema<>().$ref(representation), new Schema<>().$ref(accepted)));
        ApiResponse answer = new ApiResponse()
                .description(
                        command.creates()
                                ? "Created. The body is CommandAccepted, or with Prefer: return=representation"
                                        + " the new resource."
                                : "Done. The body is CommandAccepted, or with Prefer: return=representation"
                                        + " the resource as it is now.")
                .content(new Content().addMediaType(JSON, new MediaType().schema(body)))
                .headers(new LinkedHashMap<>());
        answer.addHeaderObject(
                "ETag",
                new Header()
                        .required(true)
                        .description("The resource's new version; send it back as If-Match.")
                        .schema(new StringSchema().example("\"3\"")));
        if (command.creates()) {
            answer.addHeaderObject("Location", location());
        }
        answer.addHeaderObject(
                "Preference-Applied",
                new Header()
                        .description("return=representation when the body is the resource.")
                        .schema(new StringSchema()._enum(List.of("return=representation"))));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.remove("200");
        responses.remove("201");
        responses.addApiResponse(command.creates() ? "201" : "200", answer);
        operation.setResponses(responses);
        if (!command.creates()) {
            describeIfMatch(operation);
        }
        ensureHeader(
                operation,
                "Prefer",
                "return=representation to receive the resource, once the read model has caught up, instead of"
                        + " CommandAccepted.",
                "return=representation");
    }

    private static void describeIfMatch(Operation operation) {
        ensureHeader(
                operation,
                "If-Match",
                "The version (ETag) the change is based on; a stale one is refused with 412.",
                "\"3\"");
    }

    private static boolean takesConditionalRequest(HandlerMethod handler) {
        for (Class<?> type : handler.getMethod().getParameterTypes()) {
            if (type.isAnnotationPresent(ConditionalRequest.class)) {
                return true;
            }
        }
        return false;
    }

    private static void describeIdempotency(Operation operation) {
        ensureHeader(
                operation,
                IdempotencyFilter.HEADER,
                "A key of 1 to 255 visible ASCII characters, unique per intended change. A retry with the"
                        + " same key and body gets the first answer again (Idempotent-Replayed: true); the same"
                        + " key with another body is refused with 422, and while the first attempt runs, with"
                        + " 409.",
                "2f1e7c1a-4d1b-4b8e-9a57-0c6f1d2a9e11");
        if (operation.getResponses() != null) {
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(
                            "Idempotent-Replayed",
                            new Header()
                                    .description("true when this is the stored answer to an earlier request.")
                                    .schema(new StringSchema()._enum(List.of("true"))));
                }
            });
        }
    }

    private static void ensureHeader(Operation operation, String name, String description, String example) {
        Parameter existing = operation.getParameters() == null
                ? null
                : operation.getParameters().stream()
                        .filter(p -> "header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName()))
                        .findFirst()
                        .orElse(null);
        Parameter parameter =
                existing != null ? existing : new Parameter().in("header").name(name);
        parameter.setName(name);
        parameter.setRequired(false);
        parameter.setDescription(description);
        parameter.setSchema(new StringSchema());
        parameter.setExample(example);
        if (existing == null) {
            operation.addParametersItem(parameter);
        }
    }

    /** Moves springdoc's default 200 to the statuses the handler really answers. */
    private static void describeStatuses(ApiResponses responses, HandlerMethod handler) {
        Set<Integer> statuses = AnsweredStatuses.of(handler.getMethod());
        // Errors are described from the error codes, not from here.
        statuses.removeIf(status -> status < 200 || status > 299);
        if (answersNoBody(handler)) {
            statuses.removeIf(status -> status != 204);
            statuses.add(204);
        }
        ApiResponse ok = responses.get("200");
        if (statuses.isEmpty() || statuses.equals(Set.of(200)) || ok == null) {
            return;
        }
        responses.remove("200");
        for (int status : statuses) {
            ApiResponse answer = new ApiResponse()
                    .description(HttpStatus.valueOf(status).getReasonPhrase())
                    .content(status == 204 ? null : ok.getContent());
            if (status == 201) {
                answer.addHeaderObject("Location", location());
            }
            responses.addApiResponse(Integer.toString(status), answer);
        }
    }

    private static Header location() {
        return new Header()
                .required(true)
                .description("Where the new resource can be read.")
                .schema(new StringSchema().format("uri-reference"));
    }

    private static boolean answersNoBody(HandlerMethod handler) {
        Type type = handler.getMethod().getGenericReturnType();
        if (type == void.class || type == Void.class) {
            return true;
        }
        return type instanceof ParameterizedType p
                && p.getRawType() == ResponseEntity.class
                && p.getActualTypeArguments()[0] == Void.class;
    }

    /** A reference to the schema of {@code type}, which is also kept for the components. */
    private String schemaOf(Class<?> type) {
        ResolvedSchema resolved =
                ModelConverters.getInstance().resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
        if (resolved.referencedSchemas != null) {
            resolved.referencedSchemas.forEach(referenced::putIfAbsent);
        }
        return resolved.schema.get$ref();
    }

    // ---------------------------------------------------------------- per route and for the whole document

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        referenced.forEach(components::addSchemas);
        ProblemSchemas.addTo(components);
        RateLimitHeaders.addTo(components);
        components.addSchemas(CommandAccepted.class.getSimpleName(), commandAccepted());

        Set<String> tags = new TreeSet<>();
        Set<String> operationIds = new HashSet<>();
        new TreeMap<>(api.getPaths())
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    String tag = tagFor(path);
                    tags.add(tag);
                    operation.setTags(List.of(tag));
                    describeRoute(path, method, operation);
                    operation.setOperationId(operationId(tag, operation, operationIds));
                    if (operation.getExtensions() != null) {
                        operation.getExtensions().remove(HANDLER);
                        operation.getExtensions().remove(PROBLEMS);
                    }
                }));
        api.setTags(tags.stream().map(name -> new Tag().name(name)).toList());
        ResponseSchemas.requireEveryProperty(api);
    }

    private static Schema<?> commandAccepted() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("id", "0b9d3c6e-5f4a-4f3e-8d1c-2a7b6e9f0c13");
        example.put("version", 0);
        Schema<?> schema = new Schema<>()
                .type("object")
                .description("What a command endpoint answers by default: the id of the resource and the version"
                        + " it reached, to send back as If-Match.")
                .addProperty("id", new StringSchema())
                .addProperty("version", new IntegerSchema().format("int64"))
                .required(List.of("id", "version"))
                .additionalProperties(false);
        schema.setExample(example);
        return schema;
    }

    private void describeRoute(String path, PathItem.HttpMethod method, Operation operation) {
        boolean open = PublicEndpoints.isPublic(method.name(), path);
        @SuppressWarnings("unchecked")
        List<String> roles = operation.getExtensions() == null
                ? List.of()
                : (List<String>) operation.getExtensions().getOrDefault(ROLES, List.of());
        if (open) {
            operation.setSecurity(null);
        } else {
            List<SecurityRequirement> security = new ArrayList<>();
            security.add(new SecurityRequirement().addList(OpenApiConfiguration.BEARER));
            boolean platformOnly = path.startsWith(API_PREFIX + "platform/") || roles.equals(List.of(PLATFORM_ADMIN));
            if (!platformOnly) {
                security.add(new SecurityRequirement().addList(OpenApiConfiguration.API_KEY));
            }
            operation.setSecurity(security);
            String who =
                    roles.isEmpty() ? "Any signed-in caller." : "Requires the role " + String.join(" or ", roles) + ".";
            operation.setDescription(
                    operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
        }

        ApiResponses responses = operation.getResponses();
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters =
                operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean hasPathVariables = path.contains("{");
        boolean changes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        boolean tenant = TenantResolutionFilter.resolvesTenant(path);
        boolean idempotent = hasHeader(operation, IdempotencyFilter.HEADER);
        if (hasBody || hasParameters) {
            ProblemSchemas.addResponse(responses, 400);
        }
        // Public routes too: a credential that is sent is checked (401 when invalid, 403 when it
        // belongs to another tenant), and login refuses a wrong password.
        ProblemSchemas.addResponse(responses, 401);
        ProblemSchemas.addResponse(responses, 403);
        if (hasPathVariables || tenant) {
            ProblemSchemas.addResponse(responses, 404);
        }
        // A read whose Accept excludes its answer; a change is refused earlier with 400, before it runs
        // (PlainRequestFilter).
        if (!changes) {
            ProblemSchemas.addResponse(responses, 406);
        }
        if (changes) {
            ProblemSchemas.addResponse(responses, 409);
            ProblemSchemas.addResponse(responses, 422);
        }
        if (hasHeader(operation, "If-Match")) {
            ProblemSchemas.addResponse(responses, 412);
        }
        if (hasBody) {
            ProblemSchemas.addResponse(responses, 413);
            ProblemSchemas.addResponse(responses, 415);
        }
        if (idempotent) {
            ProblemSchemas.addResponse(responses, 409);
            ProblemSchemas.addResponse(responses, 422);
        }
        ApiResponse found = responses.get("200");
        if (method == PathItem.HttpMethod.GET && path.endsWith("}") && found != null) {
            found.addHeaderObject(
                    "ETag",
                    new Header()
                            .description("The resource's version, for If-Match on a change.")
                            .schema(new StringSchema().example("\"3\"")));
        }
        if (rateLimits.counts(method.name(), path)) {
            ProblemSchemas.addResponse(responses, 429);
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    RateLimitHeaders.referTo(response);
                }
            });
        }
        if (operation.getExtensions() != null && operation.getExtensions().get(PROBLEMS) instanceof int[] statuses) {
            for (int status : statuses) {
                ProblemSchemas.addResponse(responses, status);
            }
        }
        // In status order, whichever rule added them (three-digit codes sort as text).
        Map<String, ApiResponse> ordered = new TreeMap<>(responses);
        responses.clear();
        responses.putAll(ordered);
    }

    private static boolean hasHeader(Operation operation, String name) {
        return operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(p -> "header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName()));
    }

    /** The resource a route serves: the first path segment after the base path (after "platform" for platform routes). */
    static String tagFor(String path) {
        String rest = path.startsWith(API_PREFIX) ? path.substring(API_PREFIX.length()) : path.substring(1);
        String[] segments = rest.split("/");
        String resource = segments[0].equals("platform") && segments.length > 1 ? segments[1] : segments[0];
        String known = TAG_NAMES.get(resource);
        if (known != null) {
            return known;
        }
        String words = resource.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The tag and the handler's name, e.g. {@code productsCreate}: stable, and readable in generated clients. */
    private static String operationId(String tag, Operation operation, Set<String> taken) {
        Object handler = operation.getExtensions() == null
                ? null
                : operation.getExtensions().get(HANDLER);
        String name = handler == null ? operation.getOperationId().replaceAll("_\\d+$", "") : handler.toString();
        StringBuilder id = new StringBuilder();
        for (String word : tag.split("[^A-Za-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            id.append(
                    id.isEmpty()
                            ? word.toLowerCase(Locale.ROOT)
                            : Character.toUpperCase(word.charAt(0))
                                    + word.substring(1).toLowerCase(Locale.ROOT));
        }
        id.append(Character.toUpperCase(name.charAt(0))).append(name.substring(1));
        String candidate = id.toString();
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = id + "" + n;
        }
        if (operation.getSummary() == null) {
            operation.setSummary(sentence(name));
        }
        return candidate;
    }

    private static String sentence(String camel) {
        String words = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
