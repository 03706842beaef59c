package dev.tenantcore.app;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One operation of the committed API document, as the fuzz test sees it: its method and path
 * template, its parameters, the schema of its JSON body, and which kind of caller it admits.
 */
record FuzzOperation(String method, String path, Operation spec) {

    /** Transitions and removals that can end a fixture: run after everything else, so they do not blind it. */
    private static final Pattern TERMINAL =
            Pattern.compile("/(close|suspend|deactivate|domains/\\{domain}.*|modules/\\{module})$");

    /** Every operation of the document at {@code document}, with schemas resolved inline. */
    static List<FuzzOperation> all(Path document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().read(document.toString(), null, options);
        if (api == null || api.getPaths() == null) {
            throw new IllegalStateException("cannot read the API document " + document.toAbsolutePath());
        }
        List<FuzzOperation> operations = new ArrayList<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) ->
                                operations.add(new FuzzOperation(method.name(), path, operation))));
        operations.sort(Comparator.comparingInt(FuzzOperation::rank));
        return operations;
    }

    String name() {
        return method + " " + path;
    }

    /** 0 for most, 1 for those that can end their fixture, 2 for those that end the caller's own session. */
    int rank() {
        if (path.endsWith("/logout") || path.endsWith("/revoke-all")) {
            return 2;
        }
        return method.equals(PathItem.HttpMethod.DELETE.name())
                        || TERMINAL.matcher(path).find()
                ? 1
                : 0;
    }

    List<Parameter> parameters(String in) {
        return spec.getParameters() == null
                ? List.of()
                : spec.getParameters().stream()
                        .filter(p -> in.equals(p.getIn()))
                        .toList();
    }

    boolean hasHeader(String name) {
        return parameters("header").stream().anyMatch(p -> p.getName().equalsIgnoreCase(name));
    }

    /** The JSON body's schema, or null when the operation takes no body. */
    Schema<?> body() {
        if (spec.getRequestBody() == null || spec.getRequestBody().getContent() == null) {
            return null;
        }
        MediaType json = spec.getRequestBody().getContent().get("application/json");
        return json == null ? null : json.getSchema();
    }

    /** Whether a platform administrator, a signed-in tenant user or anybody may call it. */
    Caller caller() {
        if (path.startsWith("/api/v1/platform/")) {
            return Caller.PLATFORM_ADMIN;
        }
        if (path.startsWith("/api/v1/webhooks/")) {
            return Caller.PROVIDER;
        }
        if (path.startsWith("/api/v1/signup")) {
            return Caller.PLATFORM_SITE;
        }
        if (spec.getSecurity() != null && spec.getSecurity().isEmpty() || spec.getSecurity() == null) {
            return path.startsWith("/api/") ? Caller.PUBLIC : Caller.ANYBODY;
        }
        Object roles =
                spec.getExtensions() == null ? null : spec.getExtensions().get("x-required-roles");
        if (roles == null) {
            return Caller.ACCOUNT_HOLDER;
        }
        String named = roles.toString().toUpperCase(Locale.ROOT);
        return named.contains("CUSTOMER") ? Caller.STAFF_OR_CUSTOMER : Caller.STAFF;
    }

    enum Caller {
        /** The platform's administrator, on no tenant's domain. */
        PLATFORM_ADMIN,
        /** The shop's owner (every staff route admits the owner). */
        STAFF,
        /** The shop's owner or one of its customers, case by case. */
        STAFF_OR_CUSTOMER,
        /** A signed-in customer acting on their own account and sessions. */
        ACCOUNT_HOLDER,
        /** Anybody at the shop's storefront. */
        PUBLIC,
        /** Anybody on the platform's own site, which alone may call the tenant-less sign-up routes. */
        PLATFORM_SITE,
        /** A payment provider delivering a notification (no Origin, no token). */
        PROVIDER,
        /** Anybody, tenant or not. */
        ANYBODY
    }
}
