package dev.tenantcore.command.common;

import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.apikeys.ApiKeyCreatedEvent;
import dev.tenantcore.api.apikeys.ApiKeyId;
import dev.tenantcore.api.automations.rules.AutomationRuleCreatedEvent;
import dev.tenantcore.api.automations.rules.AutomationRuleId;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.api.automations.webhooks.WebhookEndpointRegisteredEvent;
import dev.tenantcore.api.catalog.CategoryCreatedEvent;
import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.ProductCreatedEvent;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactCreatedEvent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.CustomFieldDefinedEvent;
import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.conversation.ChannelConnectedEvent;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.lead.LeadFieldType;
import dev.tenantcore.api.crm.lead.LeadFormCreatedEvent;
import dev.tenantcore.api.crm.lead.LeadFormField;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.LeadSubmittedEvent;
import dev.tenantcore.api.crm.segment.HasOrderedCondition;
import dev.tenantcore.api.crm.segment.SegmentCreatedEvent;
import dev.tenantcore.api.crm.segment.SegmentFilter;
import dev.tenantcore.api.crm.segment.SegmentId;
import dev.tenantcore.api.crm.segment.SegmentMatch;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.api.invoicing.InvoiceDraftedEvent;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceKind;
import dev.tenantcore.api.invoicing.InvoiceParty;
import dev.tenantcore.api.invoicing.InvoiceTotals;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.media.MediaUploadedEvent;
import dev.tenantcore.api.media.StoredFile;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderTotals;
import dev.tenantcore.api.ordering.coupon.CouponCreatedEvent;
import dev.tenantcore.api.ordering.coupon.CouponId;
import dev.tenantcore.api.ordering.coupon.CouponTerms;
import dev.tenantcore.api.ordering.coupon.DiscountKind;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentProviderSettingsChangedEvent;
import dev.tenantcore.api.payments.PaymentProviderSettingsId;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantRegisteredEvent;
import dev.tenantcore.command.apikeys.ApiKey;
import dev.tenantcore.command.automations.AutomationRule;
import dev.tenantcore.command.automations.webhooks.WebhookEndpoint;
import dev.tenantcore.command.catalog.Category;
import dev.tenantcore.command.catalog.Product;
import dev.tenantcore.command.crm.Contact;
import dev.tenantcore.command.crm.CustomField;
import dev.tenantcore.command.crm.Segment;
import dev.tenantcore.command.crm.channel.ChannelConnection;
import dev.tenantcore.command.crm.lead.Lead;
import dev.tenantcore.command.crm.lead.LeadForm;
import dev.tenantcore.command.identity.UserAccount;
import dev.tenantcore.command.invoicing.Invoice;
import dev.tenantcore.command.media.Media;
import dev.tenantcore.command.ordering.Order;
import dev.tenantcore.command.ordering.coupon.Coupon;
import dev.tenantcore.command.payments.model.Payment;
import dev.tenantcore.command.payments.settings.PaymentProviderConfiguration;
import dev.tenantcore.command.tenancy.Tenant;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The tenant guard's contract, for every command of every {@link TenantOwned} aggregate: a command
 * from another tenant, or from no tenant, behaves exactly like one for an aggregate that does not
 * exist. The commands are found on the aggregates' handlers, so a new command is covered as soon
 * as it is handled; a new aggregate must be listed in {@link #OWNED}, which a test checks.
 */
@DisplayName("Every tenant-owned aggregate")
class TenantGuardContractTest {

    private static final TenantId ACME = TenantId.random();
    private static final TenantId GLOBEX = TenantId.random();
    private static final UserId ALICE = UserId.random();

    /** An aggregate of Acme's: its identifier and the event that created it. */
    private record Owned(Object id, Object created) {}

    /** The commerce aggregates, as Acme created one. */
    private static final Map<Class<? extends TenantOwned>, Owned> COMMERCE = Map.of(
            Category.class,
                    owned(CategoryId.random(), id -> new CategoryCreatedEvent(id, ACME, "Kitchen", "kitchen", null, 0)),
            Product.class,
                    owned(
                            ProductId.random(),
                            id -> new ProductCreatedEvent(
                                    id,
                                    ACME,
                                    "Mug",
                                    "mug",
                                    null,
                                    ProductKind.PHYSICAL,
                                    Money.of(1200, "EUR"),
                                    1,
                                    null,
                                    true,
                                    Map.of())),
            UserAccount.class,
                    owned(
                            UserId.random(),
                            id -> new UserRegisteredEvent(id, ACME, "ann@acme.example", "hash", "Ann", Role.MANAGER)),
            Order.class,
                    owned(
                            OrderId.random(),
                            id -> new OrderPlacedEvent(
                                    id,
                                    ACME,
                                    1,
                                    ALICE,
                                    List.of(),
                                    null,
                                    null,
                                    new OrderTotals("EUR", 0, 0, 0, 0, 0, 0),
                                    PaymentProviderKind.MANUAL)),
            Payment.class,
                    owned(
                            PaymentId.random(),
                            id -> new PaymentCreatedEvent(
                                    id,
                                    ACME,
                                    OrderId.random(),
                                    ALICE,
                                    Money.of(1200, "EUR"),
                                    PaymentProviderKind.MANUAL,
                                    null)),
            Invoice.class,
                    owned(
                            InvoiceId.random(),
                            id -> new InvoiceDraftedEvent(
                                    id,
                                    ACME,
                                    InvoiceKind.INVOICE,
                                    null,
                                    null,
                                    null,
                                    party("Acme"),
                                    party("Client"),
                                    List.of(),
                                    new InvoiceTotals("EUR", 0, 0, 0))),
            ApiKey.class,
                    owned(
                            ApiKeyId.random(),
                            id -> new ApiKeyCreatedEvent(
                                    id,
                                    ACME,
                                    "ERP",
                                    "tc_abc",
                                    "hash",
                                    Set.of(Role.MANAGER),
                                    Instant.parse("2999-01-01T00:00:00Z"))),
            PaymentProviderConfiguration.class,
                    owned(
                            PaymentProviderSettingsId.of(ACME, PaymentProviderKind.STRIPE),
                            id -> new PaymentProviderSettingsChangedEvent(
                                    id,
                                    ACME,
                                    PaymentProviderKind.STRIPE,
                                    true,
                                    "pk_test",
                                    null,
                                    null,
                                    Set.of("secretKey", "webhookSecret"),
                                    Set.of(),
                                    Set.of(),
                                    ALICE)),
            Media.class,
                    owned(
                            MediaId.random(),
                            id -> new MediaUploadedEvent(
                                    id,
                                    ACME,
                                    new StoredFile(
                                            "tenants/" + ACME + "/media/" + id + "/original",
                                            "image/png",
                                            10,
                                            "0".repeat(64),
                                            1,
                                            1,
                                            null),
                                    null,
                                    Map.of())),
            Tenant.class,
                    owned(
                            ACME,
                            id -> new TenantRegisteredEvent(ACME, "Acme", "acme", EnumSet.allOf(TenantModule.class))));

    private static final Map<Class<? extends TenantOwned>, Owned> CRM = Map.of(
            Contact.class,
                    owned(
                            ContactId.random(),
                            id -> new ContactCreatedEvent(
                                    id,
                                    ACME,
                                    "Ann",
                                    null,
                                    List.of("ann@acme.example"),
                                    List.of(),
                                    null,
                                    null,
                                    "lead",
                                    null,
                                    null,
                                    List.of(),
                                    List.of(),
                                    Map.of(),
                                    null,
                                    List.of())),
            CustomField.class,
                    owned(
                            CustomFieldId.random(),
                            id -> new CustomFieldDefinedEvent(
                                    id, ACME, "size", "Size", CustomFieldType.TEXT, List.of(), false, false)),
            LeadForm.class,
                    owned(
                            LeadFormId.random(),
                            id -> new LeadFormCreatedEvent(
                                    id,
                                    ACME,
                                    "contact",
                                    "Contact",
                                    List.of(new LeadFormField("email", "Email", LeadFieldType.EMAIL, true, List.of())),
                                    List.of(),
                                    null)),
            Lead.class,
                    owned(
                            LeadId.random(),
                            id -> new LeadSubmittedEvent(
                                    id,
                                    ACME,
                                    LeadFormId.random(),
                                    "contact",
                                    null,
                                    "ann@example.com",
                                    null,
                                    null,
                                    Map.of("email", "ann@example.com"),
                                    Map.of(),
                                    null)),
            Segment.class,
                    owned(
                            SegmentId.random(),
                            id -> new SegmentCreatedEvent(
                                    id,
                                    ACME,
                                    "Buyers",
                                    new SegmentFilter(SegmentMatch.ALL, List.of(new HasOrderedCondition(true))))));

    /** Aggregates of the shop's promotions and of its messaging channels, as Acme created one. */
    private static final Map<Class<? extends TenantOwned>, Owned> PROMOTIONS_AND_CHANNELS = Map.of(
            Coupon.class,
                    owned(
                            CouponId.random(),
                            id -> new CouponCreatedEvent(
                                    id,
                                    ACME,
                                    "WELCOME10",
                                    new CouponTerms(
                                            DiscountKind.PERCENTAGE, 1000, null, null, null, null, null, null))),
            ChannelConnection.class,
                    owned(
                            ChannelId.random(),
                            id -> new ChannelConnectedEvent(
                                    id, ACME, ChannelKind.TELEGRAM, "Support", "bot", Set.of("botToken"), ALICE)));

    /** The automations' aggregates: a rule and an outbound webhook endpoint, as Acme created one. */
    private static final Map<Class<? extends TenantOwned>, Owned> AUTOMATIONS = Map.of(
            AutomationRule.class,
                    owned(
                            AutomationRuleId.random(),
                            id -> new AutomationRuleCreatedEvent(
                                    id, ACME, "Tag buyers", "order.placed", null, List.of())),
            WebhookEndpoint.class,
                    owned(
                            WebhookEndpointId.random(),
                            id -> new WebhookEndpointRegisteredEvent(
                                    id, ACME, "https://hooks.acme.example/in", Set.of(), "ERP", true, ALICE)));

    /** Every tenant-owned aggregate, as Acme created one. */
    private static final Map<Class<? extends TenantOwned>, Owned> OWNED = Stream.of(
                    COMMERCE, CRM, PROMOTIONS_AND_CHANNELS, AUTOMATIONS)
            .flatMap(m -> m.entrySet().stream())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    private static <I> Owned owned(I id, java.util.function.Function<I, Object> created) {
        return new Owned(id, created.apply(id));
    }

    private static InvoiceParty party(String name) {
        return new InvoiceParty(name, null, null, null, null, null, null, null, null);
    }

    @Test
    @DisplayName("every aggregate that extends TenantOwned is covered here")
    void everyTenantOwnedAggregateIsListed() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(TenantOwned.class));
        Set<String> found = scanner.findCandidateComponents("dev.tenantcore.command").stream()
                .map(bean -> bean.getBeanClassName())
                .collect(Collectors.toSet());

        assertThat(found)
                .as("the tenant-owned aggregates on the class path")
                .hasSizeGreaterThanOrEqualTo(9)
                .containsExactlyInAnyOrderElementsOf(
                        OWNED.keySet().stream().map(Class::getName).toList());
    }

    static Stream<Arguments> commands() {
        return OWNED.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.getSimpleName().compareTo(b.getSimpleName())))
                .flatMap(entry -> handledCommands(entry.getKey()).stream()
                        .map(type -> Arguments.of(
                                Named.of(entry.getKey().getSimpleName(), entry.getKey()),
                                entry.getValue(),
                                Named.of(
                                        type.getSimpleName(),
                                        command(type, entry.getValue().id())))));
    }

    /**
     * Every command with every caller but its aggregate's tenant: another tenant, no tenant, and the
     * platform scope, which is just another tenant except to a tenant itself, which it administers.
     */
    static Stream<Arguments> strangers() {
        return commands().flatMap(arguments -> {
            Object[] values = arguments.get();
            boolean tenant = ((Named<?>) values[0]).getPayload() == Tenant.class;
            return Stream.of(
                            Named.of("another tenant", from(GLOBEX)),
                            Named.of("no tenant", Map.<String, Object>of()),
                            Named.of("the platform scope", from(TenantId.PLATFORM)))
                    .filter(caller -> !(tenant && caller.getName().equals("the platform scope")))
                    .map(caller -> Arguments.of(values[0], values[1], values[2], caller));
        });
    }

    /** The commands an aggregate's instance handlers take, that is every command but its creation. */
    private static List<Class<?>> handledCommands(Class<?> aggregate) {
        return Stream.<Class<?>>iterate(aggregate, type -> type != Object.class, Class::getSuperclass)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(CommandHandler.class) && !Modifier.isStatic(m.getModifiers()))
                .<Class<?>>map(m -> m.getParameterTypes()[0])
                .distinct()
                .toList();
    }

    /** A command of {@code type} for {@code id}, every other field empty: the guard decides before any is read. */
    private static Object command(Class<?> type, Object id) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            boolean targeted = false;
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (type.getDeclaredField(components[i].getName())
                        .isAnnotationPresent(TargetAggregateIdentifier.class)) {
                    values[i] = id;
                    targeted = true;
                } else {
                    values[i] = emptyValue(types[i]);
                }
            }
            assertThat(targeted).as(type + " names its aggregate").isTrue();
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type, e);
        }
    }

    private static Object emptyValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    @ParameterizedTest(name = "{0}: {2} from {3}")
    @MethodSource("strangers")
    @DisplayName(
            "a command from anyone but the aggregate's tenant is refused as for a missing aggregate, and records nothing")
    void strangerFindsNothing(
            Class<? extends TenantOwned> aggregate, Owned owned, Object command, Map<String, Object> caller) {
        fixture(aggregate)
                .given(owned.created())
                .when(command, caller)
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    static Stream<Arguments> aggregates() {
        return commands()
                .map(Arguments::get)
                .filter(distinctBy(arguments -> ((Named<?>) arguments[0]).getPayload()))
                .map(Arguments::of);
    }

    private static <T> java.util.function.Predicate<T> distinctBy(java.util.function.Function<T, Object> key) {
        Set<Object> seen = new java.util.HashSet<>();
        return value -> seen.add(key.apply(value));
    }

    /** What the refusals above are compared with: the same exception, and nothing recorded. */
    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("aggregates")
    @DisplayName("a command for an aggregate that does not exist is refused as missing, and records nothing")
    void missingAggregate(Class<? extends TenantOwned> aggregate, Owned owned, Object command) {
        fixture(aggregate)
                .givenNoPriorActivity()
                .when(command, from(ACME))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    private static <T> FixtureConfiguration<T> fixture(Class<T> aggregate) {
        return new AggregateTestFixture<>(aggregate);
    }
}
