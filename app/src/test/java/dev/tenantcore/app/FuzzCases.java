package dev.tenantcore.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * Bad requests for one operation of the API document, drawn from a seeded random source: the same
 * seed gives the same cases. Each case breaks one thing of an otherwise well-formed request (a path
 * id, a header, a query parameter, the body's syntax, bytes or one field of a body generated from
 * the operation's schema), so that it gets past everything but the broken part.
 */
final class FuzzCases {

    /** What a case breaks. */
    enum Kind {
        PATH_ID,
        ACCEPT,
        CONTENT_TYPE,
        IF_MATCH,
        IDEMPOTENCY_KEY,
        PREFER,
        ORIGIN,
        HUGE_HEADER,
        AUTHORIZATION,
        CONFLICTING_HEADERS,
        QUERY_VALUE,
        QUERY_UNKNOWN,
        BODY_SYNTAX,
        BODY_BYTES,
        BODY_ON_BODYLESS,
        FIELD_TYPE,
        FIELD_MISSING,
        FIELD_UNKNOWN,
        FIELD_HUGE,
        FIELD_ODD_TEXT,
        FIELD_NULL,
        VALID_LOOKING
    }

    /** One request to send: what it breaks, how, and the request itself. */
    record Case(FuzzOperation operation, Kind kind, String what, String target, List<String[]> headers, byte[] body) {

        String method() {
            return operation.method();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAW = "@@raw";

    private final SplittableRandom random;
    /** Valid ids the shop has, by the body property that names one (productId, orderId, …). */
    private final Map<String, String> idsByProperty;

    private final List<String> raws = new ArrayList<>();
    private int serial;

    FuzzCases(long seed, Map<String, String> idsByProperty) {
        this.random = new SplittableRandom(seed);
        this.idsByProperty = idsByProperty;
    }

    /** The kinds of case that make sense for {@code operation}, each tried in turn. */
    List<Kind> kinds(FuzzOperation operation) {
        List<Kind> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            boolean applies = switch (kind) {
                case PATH_ID -> !operation.parameters("path").isEmpty();
                case QUERY_VALUE -> !operation.parameters("query").isEmpty();
                case BODY_SYNTAX,
                        BODY_BYTES,
                        FIELD_TYPE,
                        FIELD_MISSING,
                        FIELD_UNKNOWN,
                        FIELD_HUGE,
                        FIELD_ODD_TEXT,
                        FIELD_NULL,
                        VALID_LOOKING -> operation.body() != null;
                case BODY_ON_BODYLESS -> operation.body() == null;
                default -> true;
            };
            if (applies) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /**
     * A case of {@code kind} for {@code operation}, with the valid path values {@code pathValues},
     * and the caller's own headers {@code callerHeaders} (Origin, Authorization).
     */
    Case next(FuzzOperation operation, Kind kind, Map<String, String> pathValues, List<String[]> callerHeaders) {
        raws.clear();
        Map<String, String> path = new LinkedHashMap<>(pathValues);
        List<String[]> headers = new ArrayList<>(callerHeaders);
        StringBuilder query = new StringBuilder();
        Schema<?> schema = operation.body();
        Object body = schema == null ? null : valid(schema, "", 0);
        String bodyText = null;
        byte[] bodyBytes = null;
        String contentType = schema == null ? null : "application/json";
        String what;
        switch (kind) {
            case PATH_ID -> {
                List<Parameter> params = operation.parameters("path");
                String name = params.get(random.nextInt(params.size())).getName();
                String bad = pick(badPathValues());
                path.put(name, bad);
                what = name + " = " + abbreviate(bad);
            }
            case ACCEPT -> {
                String accept = pick(List.of(
                        "application/pdf;q=abc",
                        "pdf",
                        "text/html",
                        "application/xml",
                        "*/*;q=2",
                        "application/json;q=-1",
                        "application/json;charset=ebcdic",
                        ";;;",
                        "application/",
                        "image/png, text/csv",
                        "application/pdf",
                        String.join(", ", java.util.Collections.nCopies(60, "text/plain")),
                        "application/json;" + "a=b;".repeat(300)));
                headers.add(new String[] {"Accept", accept});
                what = "Accept: " + abbreviate(accept);
            }
            case CONTENT_TYPE -> {
                contentType = pick(List.of(
                        "text/plain",
                        "application/xml",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x",
                        "application/json; charset=latin1",
                        "application/json; charset=nonsense",
                        "application/problem+json",
                        "garbage",
                        "application/json;q=abc",
                        "*/*",
                        "application/json, text/plain"));
                if (body == null) {
                    bodyText = "{}";
                }
                what = "Content-Type: " + contentType;
            }
            case IF_MATCH -> {
                String value = pick(List.of(
                        "yesterday",
                        "\"-1\"",
                        "\"99999999999999999999\"",
                        "*",
                        "W/\"0\"",
                        "\"0\", \"1\"",
                        "\"\"",
                        "\"" + "9".repeat(4000) + "\"",
                        "\"1e3\"",
                        "\"0x10\"",
                        "\"" + Long.MAX_VALUE + "\"",
                        "0"));
                headers.add(new String[] {"If-Match", value});
                what = "If-Match: " + abbreviate(value);
            }
            case IDEMPOTENCY_KEY -> {
                String value = pick(List.of(
                        "",
                        " ",
                        "k".repeat(256),
                        "k".repeat(7000),
                        "clé-\u00e9t\u00e9",
                        "key with spaces",
                        "\t",
                        "fuzz-" + uuid()));
                headers.add(new String[] {"Idempotency-Key", value});
                what = "Idempotency-Key: " + abbreviate(value);
            }
            case PREFER -> {
                String value = pick(List.of(
                        "return=minimal",
                        "return=",
                        "return=representation, return=minimal",
                        "return=representation; wait=-1",
                        "wait=abc",
                        "respond-async",
                        "return=\"representation\"",
                        ";;;=",
                        "return=representation," + "x=y,".repeat(500)));
                headers.add(new String[] {"Prefer", value});
                what = "Prefer: " + abbreviate(value);
            }
            case ORIGIN -> {
                headers.removeIf(h -> h[0].equals("Origin"));
                String value = pick(List.of(
                        "null",
                        "http://evil.example",
                        "not a url",
                        "http://" + "a".repeat(5000) + ".test",
                        "file:///etc/passwd",
                        "http://shop.test:99999",
                        "http://[::1",
                        "http://%2e%2e",
                        "HTTP://UPPER.TEST",
                        "http://localhost"));
                headers.add(new String[] {"Origin", value});
                what = "Origin: " + abbreviate(value);
            }
            case HUGE_HEADER -> {
                int size = pick(List.of(7_000, 20_000, 100_000));
                String name = pick(List.of("X-Fuzz", "Accept-Language", "User-Agent", "Cookie", "X-Forwarded-For"));
                headers.add(new String[] {name, "a".repeat(size)});
                what = name + " of " + size + " characters";
            }
            case AUTHORIZATION -> {
                headers.removeIf(h -> h[0].equals("Authorization"));
                String value = pick(List.of(
                        "Bearer ",
                        "Bearer not.a.token",
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                        "Basic YWRtaW46YWRtaW4=",
                        "Bearer " + "a".repeat(6000),
                        "Negotiate abc",
                        "bearer"));
                headers.add(new String[] {"Authorization", value});
                what = "Authorization: " + abbreviate(value);
            }
            case CONFLICTING_HEADERS -> {
                switch (random.nextInt(5)) {
                    case 0 -> {
                        headers.add(new String[] {"Content-Type", "application/json"});
                        headers.add(new String[] {"Content-Type", "text/plain"});
                        contentType = null;
                        what = "two Content-Types";
                    }
                    case 1 -> {
                        headers.add(new String[] {"Accept", "application/pdf"});
                        headers.add(new String[] {"Accept", "application/json;q=abc"});
                        what = "two Accepts, one broken";
                    }
                    case 2 -> {
                        headers.add(new String[] {"If-Match", "\"0\""});
                        headers.add(new String[] {"If-None-Match", "*"});
                        what = "If-Match with If-None-Match";
                    }
                    case 3 -> {
                        headers.add(new String[] {"Prefer", "return=representation"});
                        headers.add(new String[] {"Prefer", "return=minimal"});
                        what = "two Prefers";
                    }
                    default -> {
                        headers.add(new String[] {"Idempotency-Key", "fuzz-a"});
                        headers.add(new String[] {"Idempotency-Key", "fuzz-b"});
                        what = "two Idempotency-Keys";
                    }
                }
            }
            case QUERY_VALUE -> {
                List<Parameter> params = operation.parameters("query");
                Parameter param = params.get(random.nextInt(params.size()));
                String value = pick(badQueryValues(param.getSchema()));
                query.append(param.getName()).append('=').append(value);
                if (random.nextInt(4) == 0) {
                    query.append('&').append(param.getName()).append("=1");
                }
                what = param.getName() + "=" + abbreviate(value);
            }
            case QUERY_UNKNOWN -> {
                String value = pick(List.of(
                        "fuzz=1",
                        "limit=abc&limit=1",
                        "cursor=%00",
                        "a=" + "b".repeat(6000),
                        "%zz=1",
                        "x=%ff%fe",
                        "=",
                        "&&&",
                        "tenantId=" + uuid()));
                query.append(value);
                what = "query " + abbreviate(value);
            }
            case BODY_SYNTAX -> {
                bodyText = pick(List.of(
                        "{\"name\": ",
                        "",
                        "null",
                        "[]",
                        "\"text\"",
                        "123",
                        "{}}",
                        "{'single': 'quotes'}",
                        "{\"a\":1,\"a\":2}",
                        "\uFEFF{}",
                        "{/* comment */}",
                        "[".repeat(5_000) + "]".repeat(5_000),
                        "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
                        "{\"n\": " + "9".repeat(5_000) + "}",
                        "{\"n\": 1e999999}",
                        "{\"n\": NaN}",
                        "{\"s\": \"" + "x".repeat(900_000) + "\"}"));
                contentType = "application/json";
                what = "body " + abbreviate(bodyText);
            }
            case BODY_BYTES -> {
                byte[][] options = {
                    {(byte) 0xff, (byte) 0xfe, '{', '}'},
                    {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'},
                    {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'},
                    {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'},
                    {0, 0, 0, 0},
                    "{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_16)
                };
                int which = random.nextInt(options.length + 1);
                if (which == options.length && body != null) {
                    // The generated body with one letter made Latin-1.
                    bodyBytes =
                            serialize(body).replaceFirst("fuzz", "f\u00fczz").getBytes(StandardCharsets.ISO_8859_1);
                } else {
                    bodyBytes = options[which % options.length];
                }
                contentType = "application/json";
                what = "body bytes that are not UTF-8 JSON (" + which + ")";
            }
            case BODY_ON_BODYLESS -> {
                bodyText = pick(List.of("{\"fuzz\": true}", "{\"name\": ", "x".repeat(10_000)));
                contentType = pick(List.of("application/json", "text/plain"));
                what = "a body where none is taken: " + abbreviate(bodyText);
            }
            case FIELD_TYPE -> what = mutateField(schema, body, this::wrongType, "wrong type");
            case FIELD_MISSING -> what = removeRequired(schema, body);
            case FIELD_UNKNOWN -> what = addUnknown(body);
            case FIELD_HUGE -> what = mutateField(schema, body, this::huge, "huge");
            case FIELD_ODD_TEXT -> what = mutateField(schema, body, s -> oddText(), "odd text");
            case FIELD_NULL -> what = mutateField(schema, body, s -> null, "null");
            case VALID_LOOKING -> what = "a body generated from the schema";
            default -> throw new IllegalStateException(kind.name());
        }
        if (bodyText == null && bodyBytes == null && body != null) {
            bodyText = serialize(body);
        }
        if (bodyText != null) {
            bodyBytes = bodyText.getBytes(StandardCharsets.UTF_8);
        }
        if (contentType != null && bodyBytes != null) {
            headers.add(new String[] {"Content-Type", contentType});
        }
        String target = operation.path();
        for (Map.Entry<String, String> value : path.entrySet()) {
            target = target.replace("{" + value.getKey() + "}", value.getValue());
        }
        if (query.length() > 0) {
            target += "?" + query;
        }
        return new Case(operation, kind, what, target, headers, bodyBytes);
    }

    // ---- path and query values

    private List<String> badPathValues() {
        return List.of(
                "not-a-uuid",
                "-1",
                "0",
                "99999999999999999999",
                uuid(),
                uuid().toUpperCase(Locale.ROOT),
                "{" + uuid() + "}",
                "x".repeat(300 + random.nextInt(3000)),
                "%C3%BCn%C3%AFc%C3%B8d%C3%A9",
                "%F0%9F%98%80",
                "%00",
                "..",
                "%27%3B%20DROP%20TABLE%20products%3B--",
                "null",
                "",
                "a.b.c",
                "UPPER-CASE",
                "0000000000000000000000000000000000000");
    }

    private List<String> badQueryValues(Schema<?> schema) {
        List<String> values = new ArrayList<>(List.of(
                "abc",
                "-1",
                "0",
                "101",
                "100000",
                "9223372036854775808",
                "1e309",
                "1.5",
                "",
                "x".repeat(5_000),
                "%C3%BC%F0%9F%98%80",
                "%00",
                "%zz",
                "true",
                "2026-13-45T99:99:99Z",
                "not-a-cursor",
                "%27%20OR%201%3D1--"));
        if (schema != null && schema.getEnum() != null) {
            values.add("NOT_AN_ENUM_VALUE");
        }
        return values;
    }

    // ---- bodies generated from the schema

    /** A value that matches {@code schema} as well as this generator can tell, for property {@code name}. */
    private Object valid(Schema<?> schema, String name, int depth) {
        if (schema == null) {
            return "fuzz";
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(random.nextInt(schema.getEnum().size()));
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            return valid(schema.getOneOf().get(0), name, depth);
        }
        if (schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            return valid(schema.getAnyOf().get(0), name, depth);
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            return valid(schema.getAllOf().get(0), name, depth);
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                if (schema.getProperties() != null && depth < 6) {
                    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                    schema.getProperties().forEach((property, propertySchema) -> {
                        if (required.contains(property) || random.nextInt(3) == 0) {
                            object.put(property, valid(propertySchema, property, depth + 1));
                        }
                    });
                }
                yield object;
            }
            case "array" -> {
                List<Object> list = new ArrayList<>();
                int size = Math.max(1, schema.getMinItems() == null ? 1 : schema.getMinItems());
                if (schema.getMaxItems() != null) {
                    size = Math.min(size, schema.getMaxItems());
                }
                for (int i = 0; i < size; i++) {
                    list.add(valid(schema.getItems(), name, depth + 1));
                }
                yield list;
            }
            case "integer", "number" -> {
                long low = schema.getMinimum() == null ? 1 : schema.getMinimum().longValue();
                long high = schema.getMaximum() == null
                        ? low + 100
                        : schema.getMaximum().longValue();
                yield low + random.nextLong(Math.max(1, Math.min(high - low, 100)));
            }
            case "boolean" -> random.nextBoolean();
            default -> text(schema, name);
        };
    }

    private String text(Schema<?> schema, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        String pattern = schema.getPattern() == null ? "" : schema.getPattern();
        int n = ++serial;
        String value;
        if (format.equals("uuid")) {
            value = idsByProperty.getOrDefault(name, uuid());
        } else if (format.equals("date-time")) {
            value = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        } else if (format.equals("date")) {
            value = LocalDate.now().toString();
        } else if (format.equals("email") || lower.contains("email")) {
            value = "fuzz-" + n + "-" + Long.toHexString(random.nextLong()) + "@example.test";
        } else if (lower.contains("password")) {
            value = "fuzz-password-" + n;
        } else if (lower.equals("currency") || pattern.contains("[A-Z]{3}")) {
            value = "EUR";
        } else if (lower.equals("country") || pattern.contains("[A-Z]{2}")) {
            value = "ES";
        } else if (lower.contains("domain")) {
            value = "fuzz-" + n + "-" + Long.toHexString(random.nextLong() & 0xffffff) + ".test";
        } else if (lower.contains("url")) {
            value = "https://fuzz.example.test";
        } else if (lower.equals("locale")) {
            value = "en";
        } else if (lower.equals("timezone")) {
            value = "UTC";
        } else {
            value = "fuzz-" + n;
        }
        if (schema.getMaxLength() != null && value.length() > schema.getMaxLength()) {
            value = value.substring(0, schema.getMaxLength());
        }
        if (schema.getMinLength() != null && value.length() < schema.getMinLength()) {
            value = value + "x".repeat(schema.getMinLength() - value.length());
        }
        return value;
    }

    private static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            return schema.getTypes().iterator().next();
        }
        return schema.getProperties() != null ? "object" : schema.getItems() != null ? "array" : "string";
    }

    // ---- one field broken

    /** A field of the generated body: the object or list holding it, its key or index, its schema. */
    private record Slot(Object holder, Object key, Schema<?> schema, String where) {}

    private void slots(Schema<?> schema, Object value, String where, List<Slot> into) {
        if (schema == null) {
            return;
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            schema = schema.getAllOf().get(0);
        }
        if (value instanceof Map<?, ?> map && schema.getProperties() != null) {
            for (Object key : List.copyOf(map.keySet())) {
                Schema<?> property = schema.getProperties().get(key.toString());
                into.add(new Slot(map, key, property, where + "." + key));
                slots(property, map.get(key), where + "." + key, into);
            }
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            into.add(new Slot(list, 0, schema.getItems(), where + "[0]"));
            slots(schema.getItems(), list.get(0), where + "[0]", into);
        }
    }

    @SuppressWarnings("unchecked")
    private String mutateField(Schema<?> schema, Object body, Function<Schema<?>, Object> replacement, String how) {
        List<Slot> slots = new ArrayList<>();
        slots(schema, body, "$", slots);
        if (slots.isEmpty()) {
            return "a body generated from the schema (no field to break)";
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        Object value = replacement.apply(slot.schema());
        if (slot.holder() instanceof Map<?, ?> map) {
            ((Map<Object, Object>) map).put(slot.key(), value);
        } else {
            ((List<Object>) slot.holder()).set((Integer) slot.key(), value);
        }
        return how + " at " + slot.where() + ": " + abbreviate(describe(value));
    }

    private String describe(Object value) {
        if (value instanceof String s && s.startsWith(RAW)) {
            return raws.get(Integer.parseInt(s.substring(RAW.length())));
        }
        return String.valueOf(value);
    }

    private Object wrongType(Schema<?> schema) {
        String type = schema == null ? "string" : type(schema);
        List<Object> options = switch (type) {
            case "integer", "number" -> List.of("12", true, Map.of(), List.of(1), raw("1.5"), "NaN");
            case "boolean" -> List.of("yes", 1, "true", List.of());
            case "object" -> List.of("text", List.of(), 1, true);
            case "array" -> List.of("text", Map.of("a", 1), 1);
            default -> List.of(123, true, Map.of("a", "b"), List.of("a"), raw("-0.0"));
        };
        return pick(options);
    }

    private Object huge(Schema<?> schema) {
        String type = schema == null ? "string" : type(schema);
        return switch (type) {
            case "integer", "number" ->
                raw(pick(List.of(
                        "99999999999999999999999999999999",
                        String.valueOf(Long.MAX_VALUE),
                        String.valueOf(Long.MIN_VALUE),
                        "-1",
                        "2147483648",
                        "1e308",
                        "-1e-400",
                        "1" + "0".repeat(999))));
            case "array" -> java.util.Collections.nCopies(pick(List.of(101, 1_000, 20_000)), "x");
            case "object" -> {
                Map<String, Object> wide = new LinkedHashMap<>();
                for (int i = 0; i < 2_000; i++) {
                    wide.put("k" + i, i);
                }
                yield wide;
            }
            default -> "x".repeat(pick(List.of(256, 5_001, 100_000, 900_000)));
        };
    }

    private Object oddText() {
        return pick(List.of(
                raw("\"\\u0000\""),
                raw("\"a\\u0000b\""),
                raw("\"\\ud800\""),
                raw("\"\\udfff\\ud800\""),
                "\u202eevil.exe",
                "\uD83D\uDE00".repeat(1_000),
                "e\u0301".repeat(500),
                "<script>alert(1)</script>",
                "' OR 1=1 --",
                "${jndi:ldap://example.test/a}",
                "{{7*7}}",
                "line\r\nInjected: header",
                "   ",
                "\u0000",
                "../../etc/passwd",
                "\uFFFF\uFFFE"));
    }

    @SuppressWarnings("unchecked")
    private String removeRequired(Schema<?> schema, Object body) {
        List<Slot> slots = new ArrayList<>();
        slots(schema, body, "$", slots);
        List<Slot> required = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.holder() instanceof Map<?, ?>) {
                required.add(slot);
            }
        }
        if (required.isEmpty()) {
            return "a body generated from the schema (no field to remove)";
        }
        Slot slot = required.get(random.nextInt(required.size()));
        ((Map<Object, Object>) slot.holder()).remove(slot.key());
        return "without " + slot.where();
    }

    @SuppressWarnings("unchecked")
    private String addUnknown(Object body) {
        List<Map<Object, Object>> objects = new ArrayList<>();
        collectObjects(body, objects);
        if (objects.isEmpty()) {
            return "a body generated from the schema (no object to extend)";
        }
        Map<Object, Object> object = objects.get(random.nextInt(objects.size()));
        String name = pick(List.of("fuzzUnknown", "tenantId", "id", "version", "isAdmin", "__proto__", "@class"));
        object.put(name, pick(List.of(1, "x", Map.of("nested", true), List.of())));
        return "unknown field " + name;
    }

    @SuppressWarnings("unchecked")
    private static void collectObjects(Object value, List<Map<Object, Object>> into) {
        if (value instanceof Map<?, ?> map) {
            into.add((Map<Object, Object>) map);
            map.values().forEach(v -> collectObjects(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectObjects(v, into));
        }
    }

    // ---- helpers

    /** A JSON literal written into the body as is (numbers and escapes Jackson would not write). */
    private String raw(String json) {
        raws.add(json);
        return RAW + (raws.size() - 1);
    }

    private String serialize(Object body) {
        try {
            String text = JSON.writeValueAsString(body);
            for (int i = raws.size() - 1; i >= 0; i--) {
                text = text.replace("\"" + RAW + i + "\"", raws.get(i));
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random id from the seeded source, so a seed replays the same ids. */
    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 60 ? text.substring(0, 40) + "…(" + text.length() + " chars)" : text;
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }
}
