package dev.tenantcore.infra.mail;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The mails' Handlebars templates: built in under {@code templates/email/<locale>/<name>.{subject,
 * html,text}.hbs}, or the tenant's override of a template's three parts for a locale
 * ({@code email_template_overrides}). The HTML body is wrapped in the branded layout; values are
 * escaped in HTML, not in the subject and the plain-text part (which no browser reads), and the
 * subject loses its line breaks, so no value can add a header.
 */
@Component
class MailTemplates {

    static final List<String> LOCALES = List.of("es", "en");
    private static final Pattern COLOUR = Pattern.compile("^#[0-9A-Fa-f]{6}$");

    /** A template's three parts as written. */
    record Parts(String subject, String html, String text) {}

    /** A rendered mail's three parts. */
    record Rendered(String subject, String html, String text) {}

    private final Handlebars html = new Handlebars(new ClassPathTemplateLoader("/templates/email", ".hbs"));
    private final Handlebars plain =
            new Handlebars(new ClassPathTemplateLoader("/templates/email", ".hbs")).with(EscapingStrategy.NOOP);
    private final Map<String, Template> builtIn = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;

    MailTemplates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The locale a mail is written in: the one asked for when there is a version of it, else English. */
    static String locale(String... preferred) {
        for (String candidate : preferred) {
            if (candidate != null) {
                String language = Locale.forLanguageTag(candidate).getLanguage();
                if (LOCALES.contains(language)) {
                    return language;
                }
            }
        }
        return "en";
    }

    /** The built-in version of a template, as written. */
    Parts builtIn(MailTemplate template, String locale) {
        return new Parts(
                source(locale + "/" + template.wireName() + ".subject"),
                source(locale + "/" + template.wireName() + ".html"),
                source(locale + "/" + template.wireName() + ".text"));
    }

    /** The current tenant's override, if it has one. Call inside a tenant transaction. */
    Optional<Parts> override(MailTemplate template, String locale) {
        return jdbc
                .query(
                        "SELECT subject, html, text FROM email_template_overrides WHERE template = ? AND locale = ?",
                        (rs, n) -> new Parts(rs.getString("subject"), rs.getString("html"), rs.getString("text")),
                        template.wireName(),
                        locale)
                .stream()
                .findFirst();
    }

    /** Refuses parts that do not compile, with the part and Handlebars' reason. */
    void validate(Parts parts) {
        compile(plain, "subject", parts.subject());
        compile(html, "html", parts.html());
        compile(plain, "text", parts.text());
    }

    /**
     * Renders {@code template} in {@code locale}: the override when there is one, else the built-in
     * version, with {@code model}, the tenant's branding and the locale.
     */
    Rendered render(
            Optional<Parts> override,
            MailTemplate template,
            String locale,
            Map<String, Object> model,
            MailBranding.Branding branding) {
        Map<String, Object> context = new HashMap<>(model);
        context.put("locale", locale);
        context.put("tenant", tenant(branding));
        try {
            String subject;
            String body;
            String text;
            if (override.isPresent()) {
                Parts parts = override.get();
                subject = compile(plain, "subject", parts.subject()).apply(context);
                body = compile(html, "html", parts.html()).apply(context);
                text = compile(plain, "text", parts.text()).apply(context);
            } else {
                String base = locale + "/" + template.wireName();
                subject = builtIn(plain, base + ".subject").apply(context);
                body = builtIn(html, base + ".html").apply(context);
                text = builtIn(plain, base + ".text").apply(context);
            }
            subject = subject.replaceAll("[\\r\\n]+", " ").strip();
            context.put("subject", subject);
            context.put("body", body);
            String page = builtIn(html, "layout.html").apply(context);
            context.put("body", text.strip());
            String plainText = builtIn(plain, "layout.text").apply(context);
            return new Rendered(subject, page, plainText);
        } catch (IOException | HandlebarsException e) {
            throw new DomainException(ErrorCode.TEMPLATE_INVALID, "The template cannot be rendered: " + reason(e));
        }
    }

    private static Map<String, Object> tenant(MailBranding.Branding branding) {
        Map<String, Object> tenant = new HashMap<>();
        tenant.put("displayName", branding.displayName());
        tenant.put("primaryColor", colour(branding.primaryColor(), "#1f2937"));
        tenant.put("accentColor", colour(branding.accentColor(), "#e5e7eb"));
        // Only an https URL: the logo is the one value the layout puts in an attribute unquoted by us.
        if (branding.logoUrl() != null && branding.logoUrl().startsWith("https://")) {
            tenant.put("logoUrl", branding.logoUrl());
        }
        return tenant;
    }

    private static String colour(String value, String fallback) {
        return value != null && COLOUR.matcher(value).matches() ? value : fallback;
    }

    private Template builtIn(Handlebars handlebars, String name) {
        return builtIn.computeIfAbsent((handlebars == html ? "h:" : "p:") + name, key -> {
            try {
                return handlebars.compile(name);
            } catch (IOException e) {
                throw new UncheckedIOException("the mail template " + name + " cannot be read", e);
            }
        });
    }

    private String source(String name) {
        try {
            return html.getLoader().sourceAt(name).content(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the mail template " + name + " cannot be read", e);
        }
    }

    private static Template compile(Handlebars handlebars, String part, String source) {
        try {
            return handlebars.compileInline(source);
        } catch (IOException | HandlebarsException e) {
            throw new DomainException(ErrorCode.TEMPLATE_INVALID, "The " + part + " does not compile: " + reason(e));
        }
    }

    /** Handlebars' first line says where and what; never a stack trace. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 300 ? first.substring(0, 300) : first;
    }
}
