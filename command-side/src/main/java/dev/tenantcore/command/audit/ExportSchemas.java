package dev.tenantcore.command.audit;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * An export's {@code manifest} is null until it is ready, and a manifest's {@code chainHead} while
 * the tenant's chain has not reached its last event. The document's usual way to say that a nested
 * object may be null ({@code allOf} around the reference, marked nullable) is one that response
 * validators read as "never null", so these two objects are nullable in their own schemas, which
 * nothing else references, and the properties refer to them directly.
 */
@Component
class ExportSchemas implements GlobalOpenApiCustomizer {

    private static final String PREFIX = "#/components/schemas/";

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        nullableReference(schemas, "ExportResponse", "manifest", "ExportManifest");
        nullableReference(schemas, "ExportManifest", "chainHead", "ChainHeadResponse");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullableReference(Map<String, Schema> schemas, String owner, String property, String target) {
        Schema holder = schemas.get(owner);
        Schema referenced = schemas.get(target);
        if (holder == null || referenced == null || holder.getProperties() == null) {
            return;
        }
        referenced.setNullable(true);
        holder.getProperties().put(property, new Schema<>().$ref(PREFIX + target));
    }
}
