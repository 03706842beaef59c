package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.tenancy.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's versions of the mails: each template's subject, HTML and text per locale. A version
 * is compiled before it is stored; one that does not compile is refused with
 * {@code 422 template_invalid} and the reason.
 */
@RestController
@RequestMapping("/api/v1/email/templates")
class EmailTemplatesController {

    private final MailTemplates templates;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    EmailTemplatesController(
            MailTemplates templates, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.templates = templates;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
    }

    record TemplateRequest(
            @NotNull @Size(min = 1, max = 1000) String subject,
            @NotNull @Size(min = 1, max = 100_000) String html,
            @NotNull @Size(min = 1, max = 100_000) String text) {}

    record TemplateView(String template, String locale, boolean overridden, String subject, String html, String text) {}

    record TemplateList(List<TemplateView> items) {}

    @GetMapping
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    public TemplateList list() {
        return tx.execute(status -> {
            List<TemplateView> items = new ArrayList<>();
            for (MailTemplate template : MailTemplate.values()) {
                for (String locale : MailTemplates.LOCALES) {
                    items.add(view(template, locale));
                }
            }
            return new TemplateList(items);
        });
    }

    @GetMapping("/{template}/{locale}")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    public TemplateView get(@PathVariable String template, @PathVariable String locale) {
        MailTemplate which = MailTemplate.fromWireName(template);
        String in = locale(locale);
        return tx.execute(status -> view(which, in));
    }

    @PutMapping("/{template}/{locale}")
    @PreAuthorize("hasRole('OWNER')")
    public TemplateView put(
            @PathVariable String template, @PathVariable String locale, @Valid @RequestBody TemplateRequest body) {
        MailTemplate which = MailTemplate.fromWireName(template);
        String in = locale(locale);
        templates.validate(new MailTemplates.Parts(body.subject(), body.html(), body.text()));
        var tenant = TenantContext.requireTenant("Templates belong to a shop.");
        return tx.execute(status -> {
            jdbc.update("""
                    INSERT INTO email_template_overrides (tenant_id, template, locale, subject, html, text, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, now())
                    ON CONFLICT (tenant_id, template, locale) DO UPDATE SET subject = excluded.subject,
                        html = excluded.html, text = excluded.text, updated_at = excluded.updated_at
                    """, tenant.value(), which.wireName(), in, body.subject(), body.html(), body.text());
            return view(which, in);
        });
    }

    /** Back to the built-in version. */
    @DeleteMapping("/{template}/{locale}")
    @PreAuthorize("hasRole('OWNER')")
    public ResponseEntity<Void> delete(@PathVariable String template, @PathVariable String locale) {
        MailTemplate which = MailTemplate.fromWireName(template);
        String in = locale(locale);
        tx.executeWithoutResult(status -> jdbc.update(
                "DELETE FROM email_template_overrides WHERE template = ? AND locale = ?", which.wireName(), in));
        return ResponseEntity.noContent().build();
    }

    private TemplateView view(MailTemplate template, String locale) {
        var override = templates.override(template, locale);
        MailTemplates.Parts parts = override.orElseGet(() -> templates.builtIn(template, locale));
        return new TemplateView(
                template.wireName(), locale, override.isPresent(), parts.subject(), parts.html(), parts.text());
    }

    private static String locale(String locale) {
        if (!MailTemplates.LOCALES.contains(locale)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
        }
        return locale;
    }
}
