package dev.tenantcore.infra.audit;

import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The verification's {@code firstBrokenAt} is null when nothing broke, and usually is. A nullable
 * reference is written as {@code allOf: [$ref], nullable: true}, which validators of OpenAPI 3.0
 * (the contract test's among them) do not let be null; so here the break's schema is written out in
 * place, as a nullable object (and no longer listed on its own).
 */
@Component
class ChainSchemas implements GlobalOpenApiCustomizer {

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Schema verification = schemas.get("ChainVerification");
        Schema broken = schemas.get("ChainBreak");
        if (verification == null || broken == null || verification.getProperties() == null) {
            return;
        }
        Schema inline = new Schema<>()
                .type("object")
                .nullable(true)
                .description("The first event whose link does not match; null when none.");
        inline.setProperties(new LinkedHashMap<>(broken.getProperties()));
        inline.setRequired(broken.getRequired());
        verification.getProperties().put("firstBrokenAt", inline);
        schemas.remove("ChainBreak");
    }
}
