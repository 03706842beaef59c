package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.crm.ChannelHandle;
import dev.tenantcore.api.crm.Consent;
import dev.tenantcore.api.crm.ConsentPurpose;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.command.common.Rules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for each detail of a contact, applied by the aggregate on every write whatever the
 * edge checked: a command may come from a policy, a lead's conversion or a script.
 */
final class ContactValues {

    static final int MAX_ENTRIES = 20;
    static final int MAX_TAGS = 50;
    private static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} _.:/-]{0,49}$");
    private static final Pattern LOCALE = Pattern.compile("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$");

    private ContactValues() {}

    static List<String> emails(List<String> given) {
        return distinct("emails", given, ContactKeys::email);
    }

    static List<String> phones(List<String> given, PostalAddress address) {
        String region = address == null ? null : address.country();
        return distinct("phones", given, phone -> ContactKeys.phone(phone, region));
    }

    static List<ChannelHandle> handles(List<ChannelHandle> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ENTRIES) {
            throw Rules.invalid("channelHandles may hold at most " + MAX_ENTRIES + " entries");
        }
        return List.copyOf(
                new LinkedHashSet<>(given.stream().map(ContactKeys::handle).toList()));
    }

    static List<String> tags(List<String> given) {
        if (given != null && given.size() > MAX_TAGS) {
            throw Rules.invalid("tags may hold at most " + MAX_TAGS + " entries");
        }
        return distinct("tags", given, ContactValues::tag);
    }

    /** Tags are compared and kept in lower case, so "VIP" and "vip" are one tag. */
    static String tag(String tag) {
        String value = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(value).matches()) {
            throw Rules.invalid("a tag is 1-50 letters, digits, spaces or _.:/- and starts with a letter or digit");
        }
        return value;
    }

    static String locale(String locale) {
        if (locale == null) {
            return null;
        }
        if (!LOCALE.matcher(locale).matches()) {
            throw Rules.invalid("locale must be a language tag such as en or es-ES");
        }
        return Locale.forLanguageTag(locale).toLanguageTag();
    }

    static PostalAddress address(PostalAddress address) {
        if (address == null) {
            return null;
        }
        if (address.country() != null && !PostalAddress.isCountryCode(address.country())) {
            throw Rules.invalid("address.country must be an ISO 3166-1 alpha-2 code such as ES");
        }
        return new PostalAddress(
                Rules.optionalText("address.line1", address.line1(), 200),
                Rules.optionalText("address.line2", address.line2(), 200),
                Rules.optionalText("address.city", address.city(), 100),
                Rules.optionalText("address.postalCode", address.postalCode(), 20),
                Rules.optionalText("address.region", address.region(), 100),
                address.country());
    }

    /** One answer per purpose, the last given winning; an answer without a time is given now. */
    static List<Consent> consents(List<Consent> given, Instant now) {
        if (given == null) {
            return List.of();
        }
        Map<ConsentPurpose, Consent> byPurpose = new EnumMap<>(ConsentPurpose.class);
        for (Consent consent : given) {
            if (consent == null || consent.purpose() == null) {
                throw Rules.invalid("a consent names its purpose");
            }
            byPurpose.put(
                    consent.purpose(),
                    new Consent(
                            consent.purpose(),
                            consent.granted(),
                            consent.at() == null ? now : consent.at(),
                            Rules.optionalText("consent.how", consent.how(), 500)));
        }
        return List.copyOf(byPurpose.values());
    }

    /** The value as stored, or a refusal naming the field's key when it does not fit the field. */
    static Object fieldValue(CustomFieldDefinitions.Definition field, Object value) {
        String key = field.key();
        return switch (field.type()) {
            case TEXT -> {
                if (!(value instanceof String text) || text.isBlank() || text.length() > 1000 || !storable(text)) {
                    throw Rules.invalid("customFields." + key + " must be text of 1-1000 characters");
                }
                yield text.strip();
            }
            case NUMBER -> {
                if (!(value instanceof Number number)) {
                    throw Rules.invalid("customFields." + key + " must be a number");
                }
                try {
                    yield new BigDecimal(number.toString());
                } catch (NumberFormatException e) {
                    throw Rules.invalid("customFields." + key + " must be a finite number");
                }
            }
            case DATE -> {
                try {
                    yield LocalDate.parse((String) value).toString();
                } catch (ClassCastException | DateTimeParseException e) {
                    throw Rules.invalid("customFields." + key + " must be a date such as 2026-12-31");
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean flag)) {
                    throw Rules.invalid("customFields." + key + " must be true or false");
                }
                yield flag;
            }
            case SINGLE_SELECT -> {
                if (!(value instanceof String choice) || !field.options().contains(choice)) {
                    throw Rules.invalid("customFields." + key + " must be one of " + field.options());
                }
                yield choice;
            }
            case MULTI_SELECT -> {
                if (!(value instanceof Collection<?> choices)
                        || choices.isEmpty()
                        || !choices.stream().allMatch(String.class::isInstance)
                        || !field.options().containsAll(choices)) {
                    throw Rules.invalid("customFields." + key + " must be a list of some of " + field.options());
                }
                yield List.copyOf(new LinkedHashSet<>(
                        choices.stream().map(String.class::cast).toList()));
            }
        };
    }

    /**
     * Custom field values reach the command untyped, past the edge's check of request text: a NUL
     * or half a surrogate pair, which PostgreSQL cannot store as text, would make the event
     * impossible to project.
     */
    private static boolean storable(String text) {
        return text.codePoints().noneMatch(c -> c == 0 || Character.getType(c) == Character.SURROGATE);
    }

    /** How a unique field's value is claimed: numbers equal in value are one value. */
    static String uniqueForm(CustomFieldType type, Object value) {
        if (type == CustomFieldType.NUMBER) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return type == CustomFieldType.TEXT ? value.toString().toLowerCase(Locale.ROOT) : value.toString();
    }

    private static <T> List<T> distinct(String field, List<String> given, java.util.function.Function<String, T> each) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ENTRIES && !field.equals("tags")) {
            throw Rules.invalid(field + " may hold at most " + MAX_ENTRIES + " entries");
        }
        List<T> values =
                new ArrayList<>(new LinkedHashSet<>(given.stream().map(each).toList()));
        return List.copyOf(values);
    }
}
