package dev.tenantcore.infra.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The two kinds of bearer credential the resource server accepts: our JWT access tokens and API
 * keys. An API key arrives as {@code Authorization: Bearer tck_...} or in {@code X-Api-Key}; its
 * {@code tck_} marker routes it to the key lookup, and everything else goes to JWT validation.
 */
final class BearerCredentials {

    static final String API_KEY_HEADER = "X-Api-Key";

    private BearerCredentials() {}

    static BearerTokenResolver resolver() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> {
            String apiKey = request.getHeader(API_KEY_HEADER);
            if (apiKey == null) {
                return standard.resolve(request);
            }
            if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                throw new InvalidBearerTokenException("Send either Authorization or X-Api-Key, not both.");
            }
            if (!ApiKeySecrets.looksLikeApiKey(apiKey.trim())) {
                throw new InvalidBearerTokenException("X-Api-Key carries no API key.");
            }
            return apiKey.trim();
        };
    }

    static AuthenticationManager manager(ApiKeyAuthenticator apiKeys, AuthenticationProvider jwt) {
        return authentication -> {
            BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
            return ApiKeySecrets.looksLikeApiKey(bearer.getToken())
                    ? apiKeys.authenticate(bearer)
                    : jwt.authenticate(bearer);
        };
    }
}
