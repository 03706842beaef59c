package dev.tenantcore.command.common;

import dev.tenantcore.infra.web.ConditionalRequest;
import dev.tenantcore.infra.web.IfMatch;
import io.swagger.v3.oas.annotations.Hidden;

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

    /** Neither a version nor a representation asked for. */
    public static final CommandHeaders NONE = new CommandHeaders(null, false);

    public static CommandHeaders of(String ifMatch, String prefer) {
        return new CommandHeaders(IfMatch.version(ifMatch), prefer != null && prefer.contains("return=representation"));
    }
}
