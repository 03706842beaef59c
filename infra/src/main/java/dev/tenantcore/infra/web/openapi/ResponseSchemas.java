package dev.tenantcore.infra.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Jackson writes every property of an answer, nulls included, so each property of a schema that
 * only ever appears in answers is required (its nullability says whether it can be null). Schemas
 * also used in request bodies keep springdoc's choice: there a property may be left out.
 */
final class ResponseSchemas {

    private ResponseSchemas() {}

    static void requireEveryProperty(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> inRequests = new HashSet<>();
        Set<String> inResponses = new HashSet<>();
        api.getPaths()
                .values()
                .forEach(item -> item.readOperations().forEach(operation -> {
                    if (operation.getRequestBody() != null
                            && operation.getRequestBody().getContent() != null) {
                        operation
                                .getRequestBody()
                                .getContent()
                                .values()
                                .forEach(media -> reach(media.getSchema(), schemas, inRequests));
                    }
                    if (operation.getResponses() != null) {
                        operation.getResponses().values().forEach(response -> {
                            if (response.getContent() != null) {
                                response.getContent()
                                        .values()
                                        .forEach(media -> reach(media.getSchema(), schemas, inResponses));
                            }
                        });
                    }
                }));
        inResponses.removeAll(inRequests);
        for (String name : inResponses) {
            Schema<?> schema = schemas.get(name);
            if (schema != null && schema.getProperties() != null && !name.endsWith(ProblemSchemas.PROBLEM)) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        }
    }

    /** Collects the names of every component schema reachable from {@code root}. */
    @SuppressWarnings("rawtypes")
    private static void reach(Schema root, Map<String, Schema> schemas, Set<String> seen) {
        Deque<Schema> todo = new ArrayDeque<>();
        if (root != null) {
            todo.push(root);
        }
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
                if (seen.add(name) && schemas.get(name) != null) {
                    todo.push(schemas.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                ((Map<String, Schema>) schema.getProperties()).values().forEach(todo::push);
            }
            if (schema.getItems() != null) {
                todo.push(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema additional) {
                todo.push(additional);
            }
            for (var parts : new java.util.List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
                if (parts != null) {
                    ((java.util.List<Schema>) parts).forEach(todo::push);
                }
            }
        }
    }
}
