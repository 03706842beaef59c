package dev.tenantcore.query.notifications;

import dev.tenantcore.api.common.MinorUnits;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.FindTenantSettingsQuery;
import dev.tenantcore.api.tenancy.TenantSettingsResponse;
import dev.tenantcore.infra.mail.MailComposer.MailNotReady;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * What mails read from the read models, asked through the query bus from the sender's thread (never
 * from a handler): an answer that is missing yet, or late, makes the mail wait and try again.
 */
@Component
class MailQueries {

    private final QueryGateway queries;

    MailQueries(QueryGateway queries) {
        this.queries = queries;
    }

    <T> T ask(Object query, Class<T> type, String what) {
        T answer;
        try {
            answer = queries.query(query, ResponseTypes.instanceOf(type)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailNotReady(what);
        } catch (ExecutionException | TimeoutException e) {
            throw new MailNotReady(what);
        }
        if (answer == null) {
            throw new MailNotReady(what);
        }
        return answer;
    }

    TenantSettingsResponse settings(TenantId tenant) {
        return ask(new FindTenantSettingsQuery(tenant), TenantSettingsResponse.class, "the shop's settings");
    }

    /** An amount in minor units as the shop's locale writes it, in its currency. */
    static String money(long minor, String currency, String localeTag) {
        Locale locale = localeTag == null ? Locale.ENGLISH : Locale.forLanguageTag(localeTag);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        int digits = MinorUnits.exponent(currency);
        format.setCurrency(Currency.getInstance(currency));
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(minor, digits));
    }
}
