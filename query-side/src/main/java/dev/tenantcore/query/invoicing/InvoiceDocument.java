package dev.tenantcore.query.invoicing;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dev.tenantcore.api.common.MinorUnits;
import dev.tenantcore.api.invoicing.InvoiceKind;
import dev.tenantcore.api.invoicing.InvoiceLine;
import dev.tenantcore.api.invoicing.InvoiceParty;
import dev.tenantcore.api.invoicing.InvoiceResponse;
import dev.tenantcore.api.tenancy.TenantBranding;
import dev.tenantcore.api.tenancy.TenantSettingsResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * An invoice as a PDF: the Handlebars template {@code templates/invoicing/invoice.hbs}, which escapes
 * every value, filled with the invoice and the tenant's name, colours, locale and time zone, laid
 * out by openhtmltopdf. Amounts are formatted for the tenant's locale in the invoice's currency.
 */
@Component
class InvoiceDocument {

    private static final Pattern COLOUR = Pattern.compile("^#[0-9A-Fa-f]{6}$");
    private static final String DEFAULT_PRIMARY = "#1f2937";
    private static final String DEFAULT_ACCENT = "#e5e7eb";

    private final Template template;

    InvoiceDocument() {
        try {
            this.template =
                    new Handlebars(new ClassPathTemplateLoader("/templates/invoicing", ".hbs")).compile("invoice");
        } catch (IOException e) {
            throw new UncheckedIOException("the invoice template cannot be read", e);
        }
    }

    byte[] pdf(InvoiceResponse invoice, TenantSettingsResponse settings) {
        String html = html(invoice, settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the invoice PDF cannot be rendered", e);
        }
        return out.toByteArray();
    }

    String html(InvoiceResponse invoice, TenantSettingsResponse settings) {
        Locale locale = locale(settings.locale());
        Currency currency = Currency.getInstance(invoice.totals().currency());
        NumberFormat money = NumberFormat.getCurrencyInstance(locale);
        money.setCurrency(currency);
        String code = currency.getCurrencyCode();
        int digits = MinorUnits.exponent(code);
        money.setMinimumFractionDigits(digits);
        money.setMaximumFractionDigits(digits);
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .withZone(zone(settings.timezone()));

        TenantBranding branding = settings.branding();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", invoice.kind() == InvoiceKind.CREDIT_NOTE ? "Credit note" : "Invoice");
        model.put("language", locale.toLanguageTag());
        model.put("number", invoice.number() == null ? "Draft" : invoice.number());
        model.put("status", invoice.status().wireName());
        model.put("creditsInvoiceNumber", invoice.creditsInvoiceNumber());
        model.put("issuedAt", date(dates, invoice.issuedAt()));
        model.put("paidAt", date(dates, invoice.paidAt()));
        model.put("primaryColor", colour(branding == null ? null : branding.primaryColor(), DEFAULT_PRIMARY));
        model.put("accentColor", colour(branding == null ? null : branding.accentColor(), DEFAULT_ACCENT));
        model.put("seller", party(invoice.seller(), settings.displayName()));
        model.put("buyer", party(invoice.buyer(), null));
        List<Map<String, Object>> lines = new ArrayList<>();
        long discount = 0;
        for (InvoiceLine line : invoice.lines()) {
            discount += line.discountMinor();
            lines.add(Map.of(
                    "discount", line.discountMinor() == 0 ? "" : amount(money, -line.discountMinor(), code),
                    "description", line.description(),
                    "quantity", line.quantity(),
                    "unitPrice", amount(money, line.unitPriceMinor(), code),
                    "taxRate",
                            BigDecimal.valueOf(line.taxRateBasisPoints(), 2)
                                            .stripTrailingZeros()
                                            .toPlainString() + " %",
                    "net", amount(money, line.netMinor(), code)));
        }
        model.put("lines", lines);
        // Orders placed with a coupon: each line shows its share, the totals the whole discount.
        model.put("hasDiscount", discount != 0);
        model.put("discount", amount(money, -discount, code));
        model.put("net", amount(money, invoice.totals().netMinor(), code));
        model.put("tax", amount(money, invoice.totals().taxMinor(), code));
        model.put("total", amount(money, invoice.totals().totalMinor(), code));
        try {
            return template.apply(model);
        } catch (IOException e) {
            throw new UncheckedIOException("the invoice template cannot be filled", e);
        }
    }

    static String amount(NumberFormat money, long minor, String currency) {
        return money.format(MinorUnits.toDecimal(minor, currency));
    }

    private static Map<String, Object> party(InvoiceParty party, String fallbackName) {
        Map<String, Object> model = new LinkedHashMap<>();
        if (party == null) {
            model.put("name", fallbackName);
            return model;
        }
        model.put("name", party.name());
        model.put("email", party.email());
        model.put("line1", party.line1());
        model.put("line2", party.line2());
        String city = String.join(
                        " ",
                        party.postalCode() == null ? "" : party.postalCode(),
                        party.city() == null ? "" : party.city())
                .strip();
        model.put("city", city.isEmpty() ? null : city);
        model.put("region", party.region());
        model.put("country", party.country());
        model.put("taxId", party.taxId());
        return model;
    }

    private static String date(DateTimeFormatter dates, Instant at) {
        return at == null ? null : dates.format(at);
    }

    /** Only a plain hex colour reaches the stylesheet, where escaping HTML would not protect it. */
    private static String colour(String value, String fallback) {
        return value != null && COLOUR.matcher(value).matches() ? value : fallback;
    }

    private static Locale locale(String tag) {
        Locale locale = tag == null ? Locale.ENGLISH : Locale.forLanguageTag(tag);
        return locale.getLanguage().isEmpty() ? Locale.ENGLISH : locale;
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
