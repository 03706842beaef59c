package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The conversation is {@code snoozed} until {@code until}; a customer's message wakes it sooner. */
@Revision("1")
public record ConversationSnoozedEvent(ConversationId conversationId, Instant until, UserId snoozedBy) {}
