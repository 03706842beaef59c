package dev.tenantcore.infra.web.openapi;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Marks the record components that can be null as {@code nullable}. Jackson writes every
 * component, nulls included, so a client must be told which ones may arrive as {@code null}: any
 * reference type other than a collection, unless a constraint forbids null. The values of a Map of
 * Objects (a contact's custom fields) may be any JSON value.
 */
final class RecordNullability implements ModelConverter {

    private static final String OWN_PACKAGES = "dev.tenantcore.";

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (resolved == null || type.getType() == null) {
            return resolved;
        }
        JavaType javaType = Json.mapper().constructType(type.getType());
        Class<?> raw = javaType.getRawClass();
        if (!raw.isRecord() || !raw.getName().startsWith(OWN_PACKAGES)) {
            return resolved;
        }
        Schema model = resolved.get$ref() == null
                ? resolved
                : context.getDefinedModels()
                        .get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
        if (model == null || model.getProperties() == null) {
            return resolved;
        }
        Map<String, Schema> properties = model.getProperties();
        for (RecordComponent component : raw.getRecordComponents()) {
            Schema property = properties.get(component.getName());
            if (property != null && holdsAnyValues(component)) {
                // Jackson writes each value of a Map of Objects as what it is: a number, text, a list.
                property.setAdditionalProperties(new Schema<>());
            }
            if (property != null && component.getType() == Object.class) {
                // Jackson writes an Object as what it is: any JSON value, or null, which a schema
                // without a type admits.
                properties.put(component.getName(), new Schema<>());
                continue;
            }
            if (property == null || !mayBeNull(component)) {
                continue;
            }
            if (property.get$ref() != null) {
                // A sibling of $ref is ignored in OpenAPI 3.0: wrap the reference to make it nullable.
                properties.put(
                        component.getName(),
                        new Schema()
                                .allOf(List.of(new Schema().$ref(property.get$ref())))
                                .nullable(true));
            } else {
                property.setNullable(true);
            }
        }
        return resolved;
    }

    private static boolean holdsAnyValues(RecordComponent component) {
        return Map.class.isAssignableFrom(component.getType())
                && component.getGenericType() instanceof ParameterizedType map
                && map.getActualTypeArguments().length == 2
                && map.getActualTypeArguments()[1] == Object.class;
    }

    private static boolean mayBeNull(RecordComponent component) {
        Class<?> type = component.getType();
        return !type.isPrimitive()
                && !Collection.class.isAssignableFrom(type)
                && !Map.class.isAssignableFrom(type)
                && !type.isArray()
                && !forbidsNull(component.getAccessor())
                && !forbidsNull(component.getAnnotatedType());
    }

    /** The constraints land on the accessor (or the type use), as they do not target record components. */
    private static boolean forbidsNull(AnnotatedElement element) {
        return element.isAnnotationPresent(NotNull.class)
                || element.isAnnotationPresent(NotBlank.class)
                || element.isAnnotationPresent(NotEmpty.class);
    }
}
