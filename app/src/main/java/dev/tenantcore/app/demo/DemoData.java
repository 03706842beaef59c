package dev.tenantcore.app.demo;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CreateCategoryCommand;
import dev.tenantcore.api.catalog.CreateProductCommand;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.RegisterUserCommand;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.tenancy.RegisterTenantCommand;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Demo data for the {@code demo} profile only: a platform administrator and two shops, each with
 * an owner, a small category tree and a dozen products. Written once, through the same commands a
 * user would send; later starts find the shops and add nothing.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final JdbcTemplate jdbc;

    DemoData(CommandGateway commands, PasswordEncoder passwords, JdbcTemplate jdbc) {
        this.commands = commands;
        this.passwords = passwords;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer existing = jdbc.queryForObject(
                "SELECT count(*) FROM platform_unique_keys WHERE scope = 'TENANT_SLUG' AND key IN ('shop-a', 'shop-b')",
                Integer.class);
        if (existing != null && existing > 0) {
            return;
        }
        try (var platform = TenantContext.enter(TenantId.PLATFORM, null)) {
            commands.sendAndWait(new RegisterUserCommand(
                    UserId.random(),
                    "admin@localhost",
                    passwords.encode("admin1234!"),
                    "Platform admin",
                    Role.PLATFORM_ADMIN));
        }
        shop(
                "Shop A Coffee",
                "shop-a",
                List.of(
                        new Branch("Coffee", "coffee", List.of("Beans", "Ground", "Capsules")),
                        new Branch("Equipment", "equipment", List.of("Grinders", "Brewers"))));
        shop(
                "Shop B Books",
                "shop-b",
                List.of(
                        new Branch("Books", "books", List.of("Fiction", "Non-fiction", "Children")),
                        new Branch("Stationery", "stationery", List.of("Notebooks", "Pens"))));
        log.info(
                "Demo data written: admin@localhost / admin1234!, owner@shop-a.localhost and owner@shop-b.localhost / demo1234!");
    }

    private record Branch(String name, String slug, List<String> leaves) {}

    private void shop(String name, String slug, List<Branch> branches) {
        TenantId tenant = TenantId.random();
        try (var platform = TenantContext.enter(TenantId.PLATFORM, null)) {
            commands.sendAndWait(new RegisterTenantCommand(
                    tenant, name, slug, List.of(slug + ".localhost"), EnumSet.allOf(TenantModule.class)));
        }
        try (var scope = TenantContext.enter(tenant, null)) {
            commands.sendAndWait(new RegisterUserCommand(
                    UserId.random(),
                    "owner@" + slug + ".localhost",
                    passwords.encode("demo1234!"),
                    name + " owner",
                    Role.OWNER));
            int product = 0;
            int position = 0;
            for (Branch branch : branches) {
                CategoryId parent = CategoryId.random();
                commands.sendAndWait(new CreateCategoryCommand(parent, branch.name(), branch.slug(), null, position++));
                int childPosition = 0;
                for (String leaf : branch.leaves()) {
                    CategoryId child = CategoryId.random();
                    String leafSlug = leaf.toLowerCase().replace(' ', '-');
                    commands.sendAndWait(new CreateCategoryCommand(child, leaf, leafSlug, parent, childPosition++));
                    int perLeaf = branch.leaves().size() == 3 ? 2 : 3;
                    for (int i = 1; i <= perLeaf && product < 12; i++, product++) {
                        commands.sendAndWait(new CreateProductCommand(
                                ProductId.random(),
                                leaf + " " + i,
                                leafSlug + "-" + i,
                                "A demo " + leaf.toLowerCase() + " product of " + name + ".",
                                product % 4 == 3 ? ProductKind.DIGITAL : ProductKind.PHYSICAL,
                                Money.of(990L + 250L * product, "EUR"),
                                10 + product,
                                child,
                                true,
                                Map.of("demo", "true")));
                    }
                }
            }
        }
    }
}
