package dev.tenantcore.command.common;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.web.ConditionalRequest;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command endpoint's caller asks for beside the body: {@code If-Match} (the version the
 * change is meant for, or null for any) and {@code Prefer: return=representation}. A controller
 * method takes it as a parameter; {@link CommandHeadersResolver} reads it from the request, so no
 * endpoint spells out these headers. Hidden from the API document, which describes the headers of
 * every {@link dev.tenantcore.infra.web.CommandEndpoint} and of every handler taking it instead.
 */
@Hidden
@ConditionalRequest
public record CommandHeaders(Long expectedVersion, boolean representation) {

    private static final Pattern VERSION = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    /** Neither a version nor a representation asked for. */
    public static final CommandHeaders NONE = new CommandHeaders(null, false);

    public static CommandHeaders of(String ifMatch, String prefer) {
        return new CommandHeaders(expectedVersion(ifMatch), prefer != null && prefer.contains("return=representation"));
    }

    /** The version named by an {@code If-Match} header, or null when the header is absent or {@code *}. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher m = VERSION.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "If-Match must be an ETag returned by this API.");
        }
        return Long.parseLong(m.group(1));
    }
}
