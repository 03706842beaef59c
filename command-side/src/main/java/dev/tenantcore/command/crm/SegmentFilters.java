package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.segment.ConsentCondition;
import dev.tenantcore.api.crm.segment.CreatedCondition;
import dev.tenantcore.api.crm.segment.FieldContainsCondition;
import dev.tenantcore.api.crm.segment.FieldEqualsCondition;
import dev.tenantcore.api.crm.segment.FieldRangeCondition;
import dev.tenantcore.api.crm.segment.HasOrderedCondition;
import dev.tenantcore.api.crm.segment.LastActivityCondition;
import dev.tenantcore.api.crm.segment.OwnerCondition;
import dev.tenantcore.api.crm.segment.SegmentCondition;
import dev.tenantcore.api.crm.segment.SegmentFilter;
import dev.tenantcore.api.crm.segment.StageCondition;
import dev.tenantcore.api.crm.segment.TagsCondition;
import dev.tenantcore.api.crm.segment.TotalSpentCondition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules of a segment's filter, applied on every write: a filter names only the tenant's own
 * stages and custom fields, compares each field with values of its type, and stays small enough
 * that counting its members is one bounded query. Refusals carry {@link
 * ErrorCode#INVALID_SEGMENT_FILTER} and say which condition is wrong. The filter comes back
 * normalised (tags in lower case, numbers as decimals, dates as 2026-12-31), as it is recorded.
 */
final class SegmentFilters {

    static final int MAX_CONDITIONS = 20;
    static final int MAX_VALUES = 50;
    private static final int MAX_TEXT = 200;

    private SegmentFilters() {}

    static SegmentFilter validated(
            SegmentFilter filter, List<CustomFieldDefinitions.Definition> fields, List<String> stages) {
        if (filter == null || filter.match() == null) {
            throw invalid("a filter says whether its conditions must all or any hold (match: all or any)");
        }
        List<SegmentCondition> given = filter.conditions();
        if (given == null || given.isEmpty() || given.size() > MAX_CONDITIONS) {
            throw invalid("a filter has 1-" + MAX_CONDITIONS + " conditions");
        }
        Map<String, CustomFieldDefinitions.Definition> byKey =
                fields.stream().collect(Collectors.toMap(CustomFieldDefinitions.Definition::key, Function.identity()));
        List<SegmentCondition> conditions = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            conditions.add(condition("conditions[" + i + "]", given.get(i), byKey, stages));
        }
        return new SegmentFilter(filter.match(), List.copyOf(conditions));
    }

    private static SegmentCondition condition(
            String at,
            SegmentCondition condition,
            Map<String, CustomFieldDefinitions.Definition> fields,
            List<String> stages) {
        if (condition instanceof StageCondition stage) {
            List<String> names = values(at + ".stages", stage.stages());
            for (String name : names) {
                if (!stages.contains(name)) {
                    throw invalid(at + ": '" + abbreviated(name) + "' is not one of the tenant's stages " + stages);
                }
            }
            return new StageCondition(names);
        }
        if (condition instanceof TagsCondition tags) {
            if (tags.match() == null) {
                throw invalid(at + ".match must be any, all or none");
            }
            List<String> names = new ArrayList<>();
            for (String tag : values(at + ".tags", tags.tags())) {
                names.add(rephrased(at + ".tags", () -> ContactValues.tag(tag)));
            }
            return new TagsCondition(tags.match(), List.copyOf(new LinkedHashSet<>(names)));
        }
        if (condition instanceof FieldEqualsCondition equals) {
            CustomFieldDefinitions.Definition field = field(at, equals.key(), fields);
            if (field.type() == CustomFieldType.MULTI_SELECT) {
                if (!field.options().contains(equals.value())) {
                    throw invalid(at + ".value must be one of " + field.options());
                }
                return new FieldEqualsCondition(field.key(), equals.value());
            }
            return new FieldEqualsCondition(field.key(), value(at + ".value", field, equals.value()));
        }
        if (condition instanceof FieldContainsCondition contains) {
            CustomFieldDefinitions.Definition field = field(at, contains.key(), fields);
            if (field.type() != CustomFieldType.TEXT) {
                throw invalid(at + ": field_contains applies to text fields, and " + field.key() + " is "
                        + field.type().wireName());
            }
            String text = contains.text();
            if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
                throw invalid(at + ".text must be 1-" + MAX_TEXT + " characters");
            }
            return new FieldContainsCondition(field.key(), text.strip());
        }
        if (condition instanceof FieldRangeCondition range) {
            return range(at, range, field(at, range.key(), fields));
        }
        if (condition instanceof ConsentCondition consent) {
            if (consent.purpose() == null) {
                throw invalid(at + ".purpose is required");
            }
            return consent;
        }
        if (condition instanceof LastActivityCondition activity) {
            bounds(at, activity.after(), activity.before());
            return activity;
        }
        if (condition instanceof HasOrderedCondition) {
            return condition;
        }
        if (condition instanceof TotalSpentCondition spent) {
            return spent(at, spent);
        }
        if (condition instanceof OwnerCondition owner) {
            if (owner.ownerId() == null) {
                throw invalid(at + ".ownerId is required");
            }
            return owner;
        }
        if (condition instanceof CreatedCondition created) {
            bounds(at, created.from(), created.to());
            return created;
        }
        throw invalid(at + " is not a condition");
    }

    private static SegmentCondition range(
            String at, FieldRangeCondition range, CustomFieldDefinitions.Definition field) {
        if (field.type() != CustomFieldType.NUMBER && field.type() != CustomFieldType.DATE) {
            throw invalid(at + ": field_range applies to number and date fields, and " + field.key() + " is "
                    + field.type().wireName());
        }
        if (range.from() == null && range.to() == null) {
            throw invalid(at + " needs from, to or both");
        }
        String from = range.from() == null ? null : value(at + ".from", field, range.from());
        String to = range.to() == null ? null : value(at + ".to", field, range.to());
        if (from != null && to != null) {
            boolean reversed = field.type() == CustomFieldType.NUMBER
                    ? new BigDecimal(from).compareTo(new BigDecimal(to)) > 0
                    : from.compareTo(to) > 0;
            if (reversed) {
                throw invalid(at + ".from must not be after to");
            }
        }
        return new FieldRangeCondition(field.key(), from, to);
    }

    private static SegmentCondition spent(String at, TotalSpentCondition spent) {
        String currency;
        try {
            currency = Currency.getInstance(
                            String.valueOf(spent.currency()).strip().toUpperCase(Locale.ROOT))
                    .getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw invalid(at + ".currency must be an ISO 4217 code such as EUR");
        }
        Long least = spent.atLeastMinor();
        Long most = spent.atMostMinor();
        if (least == null && most == null) {
            throw invalid(at + " needs atLeastMinor, atMostMinor or both");
        }
        if ((least != null && least < 0) || (most != null && most < 0)) {
            throw invalid(at + ": amounts must not be negative");
        }
        if (least != null && most != null && least > most) {
            throw invalid(at + ".atLeastMinor must not exceed atMostMinor");
        }
        return new TotalSpentCondition(currency, least, most);
    }

    private static void bounds(String at, Instant from, Instant to) {
        if (from == null && to == null) {
            throw invalid(at + " needs a start, an end or both");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid(at + ": the start must be before the end");
        }
    }

    private static CustomFieldDefinitions.Definition field(
            String at, String key, Map<String, CustomFieldDefinitions.Definition> fields) {
        CustomFieldDefinitions.Definition field = key == null ? null : fields.get(key);
        if (field == null) {
            throw invalid(at + ": '" + abbreviated(key) + "' is not one of the tenant's custom fields");
        }
        return field;
    }

    /**
     * The value, given as text, as a contact would store it for {@code field}, written back as text
     * (a number without trailing zeros), or a refusal of the filter.
     */
    private static String value(String at, CustomFieldDefinitions.Definition field, String text) {
        if (text == null || text.length() > MAX_TEXT) {
            throw invalid(at + " must be text of at most " + MAX_TEXT + " characters");
        }
        Object typed;
        if (field.type() == CustomFieldType.NUMBER) {
            try {
                typed = new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw invalid(
                        at + ": " + field.key() + " is a number field, and '" + abbreviated(text) + "' is no number");
            }
        } else if (field.type() == CustomFieldType.BOOLEAN) {
            if (!text.equals("true") && !text.equals("false")) {
                throw invalid(at + ": " + field.key() + " is a boolean field: true or false");
            }
            typed = Boolean.valueOf(text);
        } else {
            typed = text;
        }
        Object stored = rephrased(at, () -> ContactValues.fieldValue(field, typed));
        return stored instanceof BigDecimal number
                ? number.stripTrailingZeros().toPlainString()
                : String.valueOf(stored);
    }

    private static List<String> values(String at, List<String> given) {
        if (given == null || given.isEmpty() || given.size() > MAX_VALUES) {
            throw invalid(at + " must hold 1-" + MAX_VALUES + " values");
        }
        if (given.stream().anyMatch(v -> v == null || v.isBlank() || v.length() > MAX_TEXT)) {
            throw invalid(at + " holds a blank or too long value");
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    /** A contact's value rule refuses as invalid input; in a filter the same mistake is a bad filter. */
    private static <T> T rephrased(String at, java.util.function.Supplier<T> rule) {
        try {
            return rule.get();
        } catch (DomainException e) {
            throw invalid(at + ": " + e.getMessage());
        }
    }

    private static String abbreviated(String value) {
        return value == null ? "null" : value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_SEGMENT_FILTER, message);
    }
}
