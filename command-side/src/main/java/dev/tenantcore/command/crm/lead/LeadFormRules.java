package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.lead.LeadFieldType;
import dev.tenantcore.api.crm.lead.LeadFormField;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.crm.ContactKeys;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a form definition must be, and what a visitor's values must be to fit one. The aggregates
 * enforce both whatever the edge checked, since a command may come from a script or another node.
 */
final class LeadFormRules {

    static final String FIELD_KEY_PATTERN = "^[a-zA-Z][a-zA-Z0-9_]{0,39}$";
    static final int MAX_FIELDS = 30;
    static final int MAX_QUESTIONS = 20;
    static final int MAX_OPTIONS = 50;
    static final int MAX_VALUE = 5000;
    static final int MAX_CONSENT_TEXT = 2000;

    private static final Pattern FIELD_KEY = Pattern.compile(FIELD_KEY_PATTERN);

    private LeadFormRules() {}

    /** The fields and questions of a definition, checked: keys unique across both, options only for choices. */
    static void definition(List<LeadFormField> fields, List<LeadFormField> questions) {
        if (fields == null || fields.isEmpty() || fields.size() > MAX_FIELDS) {
            throw Rules.invalid("a form has 1 to " + MAX_FIELDS + " fields");
        }
        if (questions != null && questions.size() > MAX_QUESTIONS) {
            throw Rules.invalid("a form has at most " + MAX_QUESTIONS + " qualification questions");
        }
        Set<String> keys = new HashSet<>();
        for (LeadFormField field : concat(fields, questions)) {
            field(field);
            if (!keys.add(field.key())) {
                throw Rules.invalid("the key '" + field.key() + "' is used twice");
            }
        }
        boolean reachable =
                fields.stream().anyMatch(f -> f.type() == LeadFieldType.EMAIL || f.type() == LeadFieldType.PHONE);
        if (!reachable) {
            throw Rules.invalid("a form needs an email or a phone field, or its leads cannot be answered");
        }
    }

    private static void field(LeadFormField field) {
        if (field == null) {
            throw Rules.invalid("a field must not be null");
        }
        if (field.key() == null || !FIELD_KEY.matcher(field.key()).matches()) {
            throw Rules.invalid("a field key is a letter followed by up to 39 letters, digits or underscores");
        }
        Rules.text("label of '" + field.key() + "'", field.label(), 200);
        if (field.type() == null) {
            throw Rules.invalid("the field '" + field.key() + "' needs a type");
        }
        List<String> options = field.options() == null ? List.of() : field.options();
        if (field.type() == LeadFieldType.CHOICE) {
            if (options.isEmpty() || options.size() > MAX_OPTIONS) {
                throw Rules.invalid("the choice '" + field.key() + "' has 1 to " + MAX_OPTIONS + " options");
            }
            options.forEach(o -> Rules.text("an option of '" + field.key() + "'", o, 200));
            if (new HashSet<>(options).size() != options.size()) {
                throw Rules.invalid("the choice '" + field.key() + "' lists an option twice");
            }
        } else if (!options.isEmpty()) {
            throw Rules.invalid("only a choice has options, not '" + field.key() + "'");
        }
    }

    /** The consent text a form shows, or null for none: a blank text asks for no consent. */
    static String consentText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Rules.text("consentText", text, MAX_CONSENT_TEXT);
    }

    /**
     * The visitor's values for {@code declared}, checked and normalised as contacts store them (emails in
     * lower case, phones in E.164, see {@link ContactKeys}), blanks dropped. A key the form does not declare is refused with
     * {@code unknown_form_field}: a form takes exactly what it asks for.
     */
    static Map<String, String> values(String what, Map<String, String> given, List<LeadFormField> declared) {
        Map<String, String> values = given == null ? Map.of() : given;
        for (String key : values.keySet()) {
            if (declared.stream().noneMatch(f -> f.key().equals(key))) {
                throw new DomainException(
                        ErrorCode.UNKNOWN_FORM_FIELD, "'" + key + "' is not one of this form's " + what + ".");
            }
        }
        Map<String, String> accepted = new LinkedHashMap<>();
        for (LeadFormField field : declared) {
            String value = values.get(field.key());
            if (value == null || value.isBlank()) {
                if (field.required()) {
                    throw Rules.invalid("'" + field.key() + "' is required");
                }
                continue;
            }
            accepted.put(field.key(), value(field, value.strip()));
        }
        return accepted;
    }

    private static String value(LeadFormField field, String value) {
        if (value.length() > MAX_VALUE) {
            throw Rules.invalid("'" + field.key() + "' must be at most " + MAX_VALUE + " characters");
        }
        return switch (field.type()) {
            case TEXT -> value;
            case EMAIL -> ContactKeys.email(value);
            case PHONE -> ContactKeys.phone(value, null);
            case NUMBER -> number(field.key(), value);
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw Rules.invalid("'" + field.key() + "' must be true or false");
                }
                yield value;
            }
            case CHOICE -> {
                if (!field.options().contains(value)) {
                    throw Rules.invalid("'" + field.key() + "' must be one of " + field.options());
                }
                yield value;
            }
        };
    }

    private static String number(String field, String value) {
        try {
            BigDecimal number = new BigDecimal(value);
            // The scale too: toPlainString of 1E+999999999 would spell out a billion zeros.
            if (number.precision() > 30 || Math.abs(number.scale()) > 30) {
                throw Rules.invalid("'" + field + "' has too many digits");
            }
            return number.toPlainString();
        } catch (NumberFormatException notANumber) {
            throw Rules.invalid("'" + field + "' must be a number");
        }
    }

    private static List<LeadFormField> concat(List<LeadFormField> fields, List<LeadFormField> questions) {
        return questions == null
                ? fields
                : Stream.concat(fields.stream(), questions.stream()).toList();
    }
}
