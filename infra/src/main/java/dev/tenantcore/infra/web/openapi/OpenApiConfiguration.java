package dev.tenantcore.infra.web.openapi;

import dev.tenantcore.infra.edge.RateLimitFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document's fixed parts and the customizers that describe every operation. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerAuth";
    static final String API_KEY = "apiKey";

    private static final String DESCRIPTION = """
            One API for many independent storefronts and back offices. Each tenant (a business) \
            has its own users, catalogue, orders, payments and invoices and never sees another \
            tenant's data.

            **Tenant.** A request is answered in the name of the tenant whose registered domain it \
            comes from: the browser's `Origin`, else the `Host` (a custom domain pointing at the \
            API). A signed-in caller's token names its tenant too; when both exist they must agree. \
            Routes under `/api/v1/platform` are tenant-less and for platform administrators only.

            **Credentials.** A JWT access token from `POST /api/v1/auth/login` as \
            `Authorization: Bearer …`, or an API key (`tck_…`) in `X-Api-Key` or as a bearer token.

            **Commands.** Every change answers `ETag` with the resource's new version; send it back \
            as `If-Match` and a stale version is refused with `412`. By default the body is \
            `CommandAccepted` (id and version); with `Prefer: return=representation` it is the \
            resource as its GET returns it, once the read model has caught up \
            (`Preference-Applied` says so). Creates that cost money or send messages take an \
            `Idempotency-Key`: a retry with the same key and body replays the first answer.

            **Errors.** Every error is `application/problem+json` (RFC 9457) with a stable `code`; \
            validation errors list each field in `errors`.

            **Rate limits.** Counted responses carry `RateLimit-Limit`, `RateLimit-Remaining`, \
            `RateLimit-Reset` and `RateLimit-Policy`; a refusal (`429`) also `Retry-After`.
            """;

    @Bean
    OpenAPI tenantcoreApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("tenantcore API")
                        .version("v1")
                        .description(DESCRIPTION)
                        .license(new License().name("Proprietary")))
                // Relative, so the document is the same whichever host or port serves it.
                .servers(List.of(new Server().url("/").description("The API's own origin")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token from POST /api/v1/auth/login (RS256, "
                                                + "short-lived; renew it with POST /api/v1/auth/refresh)."))
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-Api-Key")
                                        .description("A tenant's API key (tck_…), acting with the roles it was "
                                                + "given. It may also be sent as Authorization: Bearer tck_….")));
    }

    @Bean
    ContractCustomizer contractCustomizer(RateLimitFilter rateLimits) {
        return new ContractCustomizer(rateLimits);
    }

    @Bean
    RecordNullability recordNullability() {
        return new RecordNullability();
    }

    @Bean
    TaggedUnionSchemas taggedUnionSchemas() {
        return new TaggedUnionSchemas();
    }
}
