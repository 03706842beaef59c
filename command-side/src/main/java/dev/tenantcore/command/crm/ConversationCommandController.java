package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.conversation.AddPrivateNoteCommand;
import dev.tenantcore.api.crm.conversation.AssignConversationCommand;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationPriority;
import dev.tenantcore.api.crm.conversation.ConversationResponse;
import dev.tenantcore.api.crm.conversation.FindConversationQuery;
import dev.tenantcore.api.crm.conversation.LabelConversationCommand;
import dev.tenantcore.api.crm.conversation.MarkConversationReadCommand;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.api.crm.conversation.MessageTemplate;
import dev.tenantcore.api.crm.conversation.ReopenConversationCommand;
import dev.tenantcore.api.crm.conversation.ResolveConversationCommand;
import dev.tenantcore.api.crm.conversation.SendMessageCommand;
import dev.tenantcore.api.crm.conversation.SetConversationPriorityCommand;
import dev.tenantcore.api.crm.conversation.SnoozeConversationCommand;
import dev.tenantcore.api.crm.conversation.UnlabelConversationCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.idempotency.Idempotent;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff answer, annotate, assign, snooze, prioritise, label, resolve, reopen and read conversations. A reply is recorded as
 * pending and answered {@code 202}: the channel is called after the command's transaction (see
 * {@code channel.ChannelSendRunner}), and the message's status follows on the conversation.
 */
@RestController
@RequestMapping("/api/v1/conversations")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF')")
class ConversationCommandController {

    private final CommandResource<ConversationId, ConversationResponse> conversations;
    private final CommandGateway commands;

    ConversationCommandController(CommandResponses responses, CommandGateway commands) {
        this.commands = commands;
        this.conversations = responses.resource(
                "/api/v1/conversations",
                ConversationId::new,
                FindConversationQuery::new,
                ConversationResponse.class,
                ConversationResponse::version);
    }

    record ReplyTemplateRequest(
            @NotBlank @Size(max = 512) String name,
            @NotBlank @Size(max = 15) String language,
            @Size(max = 20) List<@NotBlank @Size(max = 1024) String> parameters) {}

    record SendMessageRequest(
            @Size(max = Conversation.TEXT_LENGTH) String text,
            @Size(max = Conversation.URL_LENGTH) String mediaUrl,
            @Valid ReplyTemplateRequest template) {}

    record PrivateNoteRequest(
            @NotBlank @Size(max = Conversation.TEXT_LENGTH) String text) {}

    record AssignRequest(UUID assigneeId) {}

    /** The message as recorded: {@code pending} until the channel took it. */
    record MessageAccepted(MessageId messageId, ConversationId conversationId, MessageStatus status) {}

    /**
     * Replies to the customer: text, an https image link captioned by the text, or an approved
     * template (WhatsApp). Outside WhatsApp's 24-hour window only a template is accepted: {@code 409
     * outside_messaging_window}.
     */
    @Idempotent
    @PostMapping("/{id}/messages")
    public ResponseEntity<MessageAccepted> send(@PathVariable UUID id, @Valid @RequestBody SendMessageRequest body) {
        ConversationId conversation = new ConversationId(id);
        MessageId message = MessageId.random();
        MessageTemplate template = body.template() == null
                ? null
                : new MessageTemplate(
                        body.template().name(),
                        body.template().language(),
                        body.template().parameters());
        commands.sendAndWait(new SendMessageCommand(conversation, message, body.text(), body.mediaUrl(), template));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new MessageAccepted(message, conversation, MessageStatus.PENDING));
    }

    /** A note between staff, never sent to the customer; visible in the messages once projected. */
    @PostMapping("/{id}/notes")
    public ResponseEntity<MessageAccepted> note(@PathVariable UUID id, @Valid @RequestBody PrivateNoteRequest body) {
        ConversationId conversation = new ConversationId(id);
        MessageId message = MessageId.random();
        commands.sendAndWait(new AddPrivateNoteCommand(conversation, message, body.text()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new MessageAccepted(message, conversation, null));
    }

    /** Gives the conversation to a staff member; {@code assigneeId} null unassigns it. */
    @CommandEndpoint(representation = ConversationResponse.class)
    @PostMapping("/{id}/assign")
    public ResponseEntity<Object> assign(
            @PathVariable UUID id, @Valid @RequestBody AssignRequest body, CommandHeaders headers) {
        UserId assignee = body.assigneeId() == null ? null : new UserId(body.assigneeId());
        return conversations.transition(id, headers, (c, v) -> new AssignConversationCommand(c, v, assignee));
    }

    @CommandEndpoint(representation = ConversationResponse.class)
    @PostMapping("/{id}/resolve")
    public ResponseEntity<Object> resolve(@PathVariable UUID id, CommandHeaders headers) {
        return conversations.transition(id, headers, ResolveConversationCommand::new);
    }

    @CommandEndpoint(representation = ConversationResponse.class)
    @PostMapping("/{id}/reopen")
    public ResponseEntity<Object> reopen(@PathVariable UUID id, CommandHeaders headers) {
        return conversations.transition(id, headers, ReopenConversationCommand::new);
    }

    /** The customer's messages so far stop counting as unread. */
    @CommandEndpoint(representation = ConversationResponse.class)
    @PostMapping("/{id}/read")
    public ResponseEntity<Object> read(@PathVariable UUID id, CommandHeaders headers) {
        return conversations.transition(id, headers, (c, v) -> new MarkConversationReadCommand(c));
    }

    record SnoozeRequest(@NotNull Instant until) {}

    record PriorityRequest(@NotNull ConversationPriority priority) {}

    record LabelRequest(@NotBlank @Size(max = 50) String label) {}

    /**
     * Puts the conversation aside until {@code until} (in the future, at most 90 days ahead, else
     * {@code 422 snooze_until_invalid}); it opens again then, or as soon as the customer writes.
     */
    @CommandEndpoint(representation = ConversationResponse.class)
    @PostMapping("/{id}/snooze")
    public ResponseEntity<Object> snooze(
            @PathVariable UUID id, @Valid @RequestBody SnoozeRequest body, CommandHeaders headers) {
        return conversations.transition(id, headers, (c, v) -> new SnoozeConversationCommand(c, v, body.until()));
    }

    /** Sets the priority ({@code none}, {@code low}, {@code medium}, {@code high}, {@code urgent}). */
    @CommandEndpoint(representation = ConversationResponse.class)
    @PutMapping("/{id}/priority")
    public ResponseEntity<Object> priority(
            @PathVariable UUID id, @Valid @RequestBody PriorityRequest body, CommandHeaders headers) {
        return conversations.transition(
                id, headers, (c, v) -> new SetConversationPriorityCommand(c, v, body.priority()));
    }

    /** Adds a label (lower-cased and trimmed like a contact's tag); one it has already changes nothing. */
    @CommandEndpoint(representation = ConversationResponse.class)
    @PostMapping("/{id}/labels")
    public ResponseEntity<Object> label(
            @PathVariable UUID id, @Valid @RequestBody LabelRequest body, CommandHeaders headers) {
        return conversations.transition(id, headers, (c, v) -> new LabelConversationCommand(c, v, body.label()));
    }

    /** Removes a label; one it does not have changes nothing. */
    @CommandEndpoint(representation = ConversationResponse.class)
    @DeleteMapping("/{id}/labels/{label}")
    public ResponseEntity<Object> unlabel(
            @PathVariable UUID id, @PathVariable @Size(max = 50) String label, CommandHeaders headers) {
        return conversations.transition(id, headers, (c, v) -> new UnlabelConversationCommand(c, v, label));
    }
}
