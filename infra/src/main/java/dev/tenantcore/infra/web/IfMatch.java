package dev.tenantcore.infra.web;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the version an {@code If-Match} header names, as this API's ETags write it ({@code "3"};
 * a weak {@code W/"3"} and a bare {@code 3} are read alike). A header that names no version is
 * {@code 400 validation_failed}, never ignored: a client that meant a condition must not get an
 * unconditional change.
 */
public final class IfMatch {

    private static final Pattern VERSION = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private IfMatch() {}

    /** The version named, or null when the header is absent or {@code *} (any version will do). */
    public static Long version(String ifMatch) {
        if (ifMatch != null && ifMatch.trim().equals("*")) {
            return null;
        }
        return exactVersion(ifMatch);
    }

    /**
     * The version named, or null when the header is absent; {@code *} names no version and is
     * refused, for a resource whose every change must name the version it is based on.
     */
    public static Long exactVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Matcher m = VERSION.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "If-Match must be an ETag returned by this API.");
        }
        return Long.parseLong(m.group(1));
    }
}
