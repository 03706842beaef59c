package dev.tenantcore.api.crm.lead;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A visitor's submission of the form {@code formKey}: {@code fields} and {@code answers} by key,
 * as text. {@code consent} is whether the visitor ticked the form's consent box, and
 * {@code receivedAt} when the submission arrived: the time the consent is recorded with.
 */
public record SubmitLeadCommand(
        @TargetAggregateIdentifier LeadId leadId,
        String formKey,
        Map<String, String> fields,
        Map<String, String> answers,
        boolean consent,
        Instant receivedAt) {}
