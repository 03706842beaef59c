package dev.tenantcore.api.crm;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddContactNoteCommand(
        @TargetAggregateIdentifier ContactId contactId, UUID noteId, String text) {}
