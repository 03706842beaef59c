package dev.tenantcore.command.common;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Input rules that aggregates enforce whatever the edge already checked: a command may come from
 * a saga, a script or another node, not only from a validated HTTP request.
 */
public final class Rules {

    public static final String SLUG_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$";
    public static final String DOMAIN_PATTERN =
            "^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
    /** One line of text: no control characters at all (C0, DEL, C1). */
    public static final String LINE_PATTERN = "^[^\\x00-\\x1F\\x7F-\\x9F]*$";
    /** Text of several lines: line breaks and tabs, but no other control characters. */
    public static final String LINES_PATTERN = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*$";

    private static final Pattern SLUG = Pattern.compile(SLUG_PATTERN);
    private static final Pattern LINE = Pattern.compile(LINE_PATTERN);
    private static final Pattern LINES = Pattern.compile(LINES_PATTERN);
    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_PATTERN);

    private Rules() {}

    public static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " must not be blank");
        }
        if (value.length() > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
        return value.strip();
    }

    public static String optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
        return value;
    }

    /**
     * Optional text that replaces a stored value: {@code null} keeps it (answers {@code current}),
     * blank text removes it (answers null), anything else is stripped and must fit {@code max}
     * characters on one line ({@code multiLine} false) or several, without other control characters.
     */
    public static String replacement(String field, String value, String current, int max, boolean multiLine) {
        if (value == null) {
            return current;
        }
        if (value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
        if (!(multiLine ? LINES : LINE).matcher(text).matches()) {
            throw invalid(field + " must not contain control characters"
                    + (multiLine ? " other than line breaks and tabs" : ""));
        }
        return text;
    }

    public static String slug(String value) {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw invalid("slug must be lower-case letters, digits and dashes");
        }
        return value;
    }

    public static String domain(String value) {
        if (value == null || !DOMAIN.matcher(value).matches()) {
            throw invalid("'" + value + "' is not a valid domain name");
        }
        return value;
    }

    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw invalid(field + " must not be negative");
        }
        return value;
    }

    public static Map<String, String> metadata(Map<String, String> value) {
        if (value == null) {
            return Map.of();
        }
        if (value.size() > 50) {
            throw invalid("metadata may hold at most 50 entries");
        }
        value.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > 64 || v == null || v.length() > 500) {
                throw invalid("metadata keys must be 1-64 characters and values at most 500");
            }
        });
        return Map.copyOf(value);
    }

    public static DomainException invalid(String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message);
    }
}
