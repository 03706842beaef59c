package dev.tenantcore.query.notifications;

import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.api.ordering.FindOrderQuery;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderLine;
import dev.tenantcore.api.ordering.OrderResponse;
import dev.tenantcore.api.tenancy.TenantSettingsResponse;
import dev.tenantcore.infra.mail.MailComposer;
import dev.tenantcore.infra.mail.MailTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Order confirmation, payment receipt and order shipped: to the order's customer, in the shop's locale. */
@Component
class OrderMails implements MailComposer {

    private final MailQueries queries;

    OrderMails(MailQueries queries) {
        this.queries = queries;
    }

    @Override
    public Set<MailTemplate> templates() {
        return Set.of(MailTemplate.ORDER_CONFIRMATION, MailTemplate.PAYMENT_RECEIPT, MailTemplate.ORDER_SHIPPED);
    }

    @Override
    public Composition compose(Queued mail) {
        OrderId id = OrderId.of(String.valueOf(mail.model().get("orderId")));
        OrderResponse order = queries.ask(new FindOrderQuery(id, null), OrderResponse.class, "the order");
        UserResponse customer =
                queries.ask(new FindUserQuery(order.customerId()), UserResponse.class, "the order's customer");
        TenantSettingsResponse settings = queries.settings(mail.tenantId());
        String currency = order.totals().currency();
        String locale = settings.locale();
        Map<String, Object> model = new HashMap<>(mail.model());
        model.put("orderNumber", order.number());
        model.put("customerName", customer.displayName());
        model.put("total", MailQueries.money(order.totals().totalMinor(), currency, locale));
        model.put("amount", MailQueries.money(order.totals().totalMinor(), currency, locale));
        model.put("lines", lines(order.lines(), currency, locale));
        return new Composition(customer.email(), locale, model, List.of());
    }

    private static List<Map<String, Object>> lines(List<OrderLine> lines, String currency, String locale) {
        return lines.stream()
                .map(line -> Map.<String, Object>of(
                        "name", line.name(),
                        "quantity", line.quantity(),
                        "total", MailQueries.money(line.lineTotalMinor(), currency, locale)))
                .toList();
    }
}
