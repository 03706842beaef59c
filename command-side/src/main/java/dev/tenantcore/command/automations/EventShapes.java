package dev.tenantcore.command.automations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.tenantcore.api.automations.PublicEventType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The CEL shape of a published event, built by reflection from the domain event's record: each
 * record component becomes a field of a CEL struct with the component's type mapped to a CEL type
 * (whole numbers {@code int}, decimals {@code double}, ids, enums and texts {@code string},
 * instants {@code timestamp}, lists and maps as such, nested records as structs of their own). A
 * condition naming a field the event does not have, or comparing one with a value of another type,
 * fails to compile.
 *
 * <p>Each shape also converts the envelope's JSON {@code data} (as the event store keeps it) to the
 * values CEL evaluates with, so what the checker promised is what the program receives: JSON
 * numbers become {@code long} or {@code double} as declared, instants {@link Instant}s.
 */
final class EventShapes {

    private static final Map<PublicEventType, Shape> BY_TYPE = new ConcurrentHashMap<>();

    /** A CEL type and the conversion of a JSON value to a value of that type. */
    record Shape(CelType type, Function<Object, Object> convert, List<StructType> structs) {}

    private EventShapes() {}

    /** The shape of the envelope's {@code data} for {@code type}. */
    static Shape of(PublicEventType type) {
        return BY_TYPE.computeIfAbsent(type, t -> {
            List<StructType> structs = new ArrayList<>();
            Shape data = shape(t.eventClass(), structs, new LinkedHashMap<>());
            return new Shape(data.type(), data.convert(), List.copyOf(structs));
        });
    }

    private static Shape shape(Type type, List<StructType> structs, Map<Class<?>, StructType> seen) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                Shape element = shape(arguments[0], structs, seen);
                return new Shape(ListType.create(element.type()), value -> list(value, element), List.of());
            }
            if (Map.class.isAssignableFrom(raw)) {
                Shape element = shape(arguments[1], structs, seen);
                return new Shape(
                        MapType.create(SimpleType.STRING, element.type()), value -> map(value, element), List.of());
            }
            if (raw == Optional.class) {
                return shape(arguments[0], structs, seen);
            }
            return dyn();
        }
        if (!(type instanceof Class<?> cls)) {
            return dyn();
        }
        if (cls == String.class || cls == UUID.class || cls.isEnum() || cls == java.time.LocalDate.class) {
            return new Shape(SimpleType.STRING, value -> value == null ? null : value.toString(), List.of());
        }
        if (cls == long.class
                || cls == Long.class
                || cls == int.class
                || cls == Integer.class
                || cls == short.class
                || cls == Short.class) {
            return new Shape(SimpleType.INT, EventShapes::whole, List.of());
        }
        if (cls == double.class
                || cls == Double.class
                || cls == float.class
                || cls == Float.class
                || cls == BigDecimal.class) {
            return new Shape(SimpleType.DOUBLE, EventShapes::decimal, List.of());
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return new Shape(SimpleType.BOOL, value -> value, List.of());
        }
        if (cls == Instant.class) {
            return new Shape(SimpleType.TIMESTAMP, EventShapes::timestamp, List.of());
        }
        if (cls.isRecord()) {
            Optional<Method> jsonValue = jsonValue(cls);
            if (jsonValue.isPresent()) {
                return shape(jsonValue.get().getGenericReturnType(), structs, seen);
            }
            return struct(cls, structs, seen);
        }
        return dyn();
    }

    private static Shape struct(Class<?> cls, List<StructType> structs, Map<Class<?>, StructType> seen) {
        StructType known = seen.get(cls);
        if (known != null) {
            // A record that contains itself: its inner occurrences are not type-checked.
            return dyn();
        }
        Map<String, Shape> fields = new LinkedHashMap<>();
        String name = "tenantcore." + cls.getSimpleName();
        // Registered before the fields are walked so that a cycle ends; the resolver reads the map filled below.
        StructType struct = StructType.create(
                name,
                ImmutableSet.copyOf(fieldNames(cls)),
                field -> Optional.ofNullable(fields.get(field)).map(Shape::type));
        seen.put(cls, struct);
        for (RecordComponent component : cls.getRecordComponents()) {
            if (component.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            fields.put(component.getName(), shape(component.getGenericType(), structs, seen));
        }
        seen.remove(cls);
        structs.add(struct);
        return new Shape(struct, value -> record(value, fields), List.of());
    }

    private static List<String> fieldNames(Class<?> cls) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : cls.getRecordComponents()) {
            if (!component.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                names.add(component.getName());
            }
        }
        return names;
    }

    private static Optional<Method> jsonValue(Class<?> cls) {
        for (Method method : cls.getMethods()) {
            if (method.isAnnotationPresent(JsonValue.class)
                    && method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers())) {
                return Optional.of(method);
            }
        }
        for (RecordComponent component : cls.getRecordComponents()) {
            if (component.isAnnotationPresent(JsonValue.class)
                    || component.getAccessor().isAnnotationPresent(JsonValue.class)) {
                return Optional.of(component.getAccessor());
            }
        }
        return Optional.empty();
    }

    private static Shape dyn() {
        return new Shape(SimpleType.DYN, EventShapes::plain, List.of());
    }

    private static Object record(Object value, Map<String, Shape> fields) {
        if (!(value instanceof Map<?, ?> json)) {
            return value;
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> field : fields.entrySet()) {
            Object raw = json.get(field.getKey());
            if (raw != null) {
                Object cel = field.getValue().convert().apply(raw);
                if (cel != null) {
                    converted.put(field.getKey(), cel);
                }
            }
        }
        return converted;
    }

    private static Object list(Object value, Shape element) {
        if (!(value instanceof Collection<?> items)) {
            return List.of();
        }
        List<Object> converted = new ArrayList<>();
        for (Object item : items) {
            Object cel = item == null ? null : element.convert().apply(item);
            if (cel != null) {
                converted.add(cel);
            }
        }
        return converted;
    }

    private static Object map(Object value, Shape element) {
        if (!(value instanceof Map<?, ?> entries)) {
            return Map.of();
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        entries.forEach((key, item) -> {
            Object cel = item == null ? null : element.convert().apply(item);
            if (cel != null) {
                converted.put(String.valueOf(key), cel);
            }
        });
        return converted;
    }

    /** JSON of an undeclared shape, with numbers CEL can compare. */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> entries) {
            Map<String, Object> converted = new LinkedHashMap<>();
            entries.forEach((key, item) -> {
                if (item != null) {
                    converted.put(String.valueOf(key), plain(item));
                }
            });
            return converted;
        }
        if (value instanceof Collection<?> items) {
            List<Object> converted = new ArrayList<>();
            for (Object item : items) {
                if (item != null) {
                    converted.add(plain(item));
                }
            }
            return converted;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof java.math.BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value;
    }

    private static Object whole(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Object decimal(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Instant timestamp(Object value) {
        Instant instant;
        if (value instanceof Instant at) {
            instant = at;
        } else if (value instanceof Number seconds) {
            // Jackson writes an Instant as decimal seconds when dates are not written as text.
            BigDecimal exact = new BigDecimal(seconds.toString());
            instant = Instant.ofEpochSecond(
                    exact.longValue(),
                    exact.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        } else if (value instanceof String text) {
            try {
                instant = Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        } else {
            return null;
        }
        return instant;
    }
}
