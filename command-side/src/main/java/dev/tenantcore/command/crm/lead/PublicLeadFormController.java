package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.SubmitLeadCommand;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.ProblemResponses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A visitor submits one of the tenant's public forms, without signing in; the tenant comes from
 * the domain, as for the storefront. The edge limits this route per client address
 * ({@code app.rate-limits.public-forms}) and its body size ({@code app.web.public-form-max-body-bytes}).
 *
 * <p>Spam: {@code website} is a honeypot, a field the form's page hides from people. A submission
 * that fills it is answered exactly as an accepted one and then dropped, so a bot learns nothing
 * to adapt to; nothing is recorded and no email goes out.
 */
@RestController
class PublicLeadFormController {

    private final CommandGateway commands;
    private final Clock clock;

    PublicLeadFormController(CommandGateway commands, ObjectProvider<Clock> clock) {
        this.commands = commands;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * {@code fields} and {@code answers} by their keys in the form's definition, every value as
     * text; {@code consent} is the consent box, when the form shows one.
     */
    record SubmissionRequest(
            @Size(max = LeadFormRules.MAX_FIELDS) Map<@NotNull @Size(max = 40) String, @NotNull String> fields,
            @Size(max = LeadFormRules.MAX_QUESTIONS) Map<@NotNull @Size(max = 40) String, @NotNull String> answers,
            Boolean consent,
            String website) {}

    /** The same answer whether the submission was recorded or dropped as spam. */
    record SubmissionReceived(String status) {
        static final SubmissionReceived RECEIVED = new SubmissionReceived("received");
    }

    @PostMapping("/api/v1/public/forms/{formKey}")
    @ProblemResponses({404, 422})
    ResponseEntity<SubmissionReceived> submit(
            @PathVariable @Size(max = 100) @Pattern(regexp = Rules.SLUG_PATTERN) String formKey,
            @Valid @RequestBody SubmissionRequest body) {
        TenantContext.requireTenant("No tenant is registered for this domain.");
        if (body.website() == null || body.website().isEmpty()) {
            commands.sendAndWait(new SubmitLeadCommand(
                    LeadId.random(),
                    formKey,
                    body.fields(),
                    body.answers(),
                    Boolean.TRUE.equals(body.consent()),
                    clock.instant()));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .cacheControl(CacheControl.noStore())
                .body(SubmissionReceived.RECEIVED);
    }
}
