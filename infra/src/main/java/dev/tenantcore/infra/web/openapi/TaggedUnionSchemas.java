package dev.tenantcore.infra.web.openapi;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Describes a sealed interface whose records Jackson tells apart by a name property ({@code
 * JsonTypeInfo} with {@code JsonSubTypes}, such as a segment's conditions) as one object: the name
 * property, required, with the names as its enum, and every record's other components, each
 * optional and nullable (Jackson writes a record's nulls); an {@code Object} component may be any value. The default description (an abstract
 * schema with a discriminator over schemas named after the classes) does not match the names on
 * the wire, so validators and generated clients could not read it.
 */
final class TaggedUnionSchemas implements ModelConverter {

    private static final String OWN_PACKAGES = "dev.tenantcore.";

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (type.getType() != null) {
            JavaType javaType = Json.mapper().constructType(type.getType());
            Class<?> raw = javaType.getRawClass();
            JsonTypeInfo info = raw.getAnnotation(JsonTypeInfo.class);
            JsonSubTypes subTypes = raw.getAnnotation(JsonSubTypes.class);
            if (raw.isInterface()
                    && raw.getName().startsWith(OWN_PACKAGES)
                    && info != null
                    && info.use() == JsonTypeInfo.Id.NAME
                    && subTypes != null) {
                return union(info.property(), subTypes, context);
            }
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema union(String property, JsonSubTypes subTypes, ModelConverterContext context) {
        List<String> names = new ArrayList<>();
        ObjectSchema schema = new ObjectSchema();
        for (JsonSubTypes.Type subType : subTypes.value()) {
            names.add(subType.name());
            if (!subType.value().isRecord()) {
                continue;
            }
            for (RecordComponent component : subType.value().getRecordComponents()) {
                Map<String, Schema> properties = schema.getProperties();
                if (properties != null && properties.containsKey(component.getName())) {
                    continue;
                }
                if (component.getType() == Object.class) {
                    // Any JSON value, null included: a schema without a type says so.
                    schema.addProperty(component.getName(), new Schema<>());
                    continue;
                }
                Schema value;
                if (List.class.isAssignableFrom(component.getType())
                        && component.getGenericType() instanceof ParameterizedType list) {
                    value = new ArraySchema()
                            .items(context.resolve(new AnnotatedType(list.getActualTypeArguments()[0])));
                } else {
                    value = context.resolve(new AnnotatedType(component.getGenericType()));
                }
                if (value == null) {
                    value = new Schema<>();
                }
                if (!component.getType().isPrimitive() && !List.class.isAssignableFrom(component.getType())) {
                    value = value.get$ref() == null
                            ? value.nullable(true)
                            : new Schema()
                                    .allOf(List.of(new Schema().$ref(value.get$ref())))
                                    .nullable(true);
                }
                schema.addProperty(component.getName(), value);
            }
        }
        schema.addProperty(property, new StringSchema()._enum(names).description("Which kind it is."));
        schema.addRequiredItem(property);
        return schema;
    }
}
