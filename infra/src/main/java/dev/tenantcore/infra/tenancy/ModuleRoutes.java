package dev.tenantcore.infra.tenancy;

import dev.tenantcore.api.tenancy.TenantModule;
import java.util.List;
import java.util.Optional;

/** Which module a tenant must have switched on to reach a path. */
public final class ModuleRoutes {

    private record Route(String prefix, TenantModule module) {}

    private static final List<Route> ROUTES = List.of(
            new Route("/api/v1/products", TenantModule.STOREFRONT),
            new Route("/api/v1/categories", TenantModule.STOREFRONT),
            new Route("/api/v1/orders", TenantModule.STOREFRONT),
            new Route("/api/v1/coupons", TenantModule.STOREFRONT),
            new Route("/api/v1/public/coupons", TenantModule.STOREFRONT),
            new Route("/api/v1/invoices", TenantModule.BILLING),
            // Payments serve checkout first; billing will share them once it takes payments.
            new Route("/api/v1/payments", TenantModule.STOREFRONT),
            new Route("/api/v1/payment-providers", TenantModule.STOREFRONT),
            new Route("/api/v1/public/products", TenantModule.STOREFRONT),
            new Route("/api/v1/public/categories", TenantModule.STOREFRONT),
            new Route("/api/v1/media", TenantModule.STOREFRONT),
            new Route("/api/v1/public/media", TenantModule.STOREFRONT),
            new Route("/api/v1/contacts", TenantModule.CRM),
            new Route("/api/v1/contact-fields", TenantModule.CRM),
            new Route("/api/v1/contact-stages", TenantModule.CRM),
            new Route("/api/v1/contact-tags", TenantModule.CRM),
            new Route("/api/v1/tasks", TenantModule.CRM),
            new Route("/api/v1/segments", TenantModule.CRM),
            new Route("/api/v1/leads", TenantModule.CRM),
            new Route("/api/v1/lead-forms", TenantModule.CRM),
            new Route("/api/v1/public/forms", TenantModule.CRM),
            new Route("/api/v1/channels", TenantModule.CRM),
            new Route("/api/v1/conversations", TenantModule.CRM),
            new Route("/api/v1/automations", TenantModule.AUTOMATIONS));

    private ModuleRoutes() {}

    public static Optional<TenantModule> moduleFor(String path) {
        return ROUTES.stream()
                .filter(r -> path.equals(r.prefix()) || path.startsWith(r.prefix() + "/"))
                .map(Route::module)
                .findFirst();
    }
}
