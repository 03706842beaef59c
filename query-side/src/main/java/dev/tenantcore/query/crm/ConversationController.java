package dev.tenantcore.query.crm;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationMessagePage;
import dev.tenantcore.api.crm.conversation.ConversationPage;
import dev.tenantcore.api.crm.conversation.ConversationPriority;
import dev.tenantcore.api.crm.conversation.ConversationResponse;
import dev.tenantcore.api.crm.conversation.ConversationStats;
import dev.tenantcore.api.crm.conversation.ConversationStatsQuery;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import dev.tenantcore.api.crm.conversation.FindConversationQuery;
import dev.tenantcore.api.crm.conversation.FindInboxSettingsQuery;
import dev.tenantcore.api.crm.conversation.FindUnreadConversationsQuery;
import dev.tenantcore.api.crm.conversation.InboxSettingsView;
import dev.tenantcore.api.crm.conversation.ListConversationMessagesQuery;
import dev.tenantcore.api.crm.conversation.ListConversationsQuery;
import dev.tenantcore.api.crm.conversation.ListStaffAvailabilityQuery;
import dev.tenantcore.api.crm.conversation.StaffAvailabilityList;
import dev.tenantcore.api.crm.conversation.UnreadConversationsResponse;
import dev.tenantcore.infra.security.CurrentUser;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff read the tenant's conversations and their messages; customers never do.
 *
 * <p>The handler methods are public because method security is enforced by a proxy.
 */
@RestController
@PreAuthorize("hasAnyRole('OWNER','MANAGER','STAFF','AUDITOR')")
@RequestMapping("/api/v1/conversations")
class ConversationController {

    private static final String MISSING = "The conversation does not exist.";

    private final ReadQueries queries;

    ConversationController(ReadQueries queries) {
        this.queries = queries;
    }

    /**
     * The tenant's conversations, most recent activity first; {@code unread=true} keeps those with
     * customer messages nobody read, {@code false} those without; {@code priority} and {@code label}
     * keep those with that priority, or that carry that label.
     */
    @GetMapping
    public ConversationPage list(
            @RequestParam(required = false) ConversationStatus status,
            @RequestParam(required = false) UUID channelId,
            @RequestParam(required = false) UUID assigneeId,
            @RequestParam(required = false) Boolean unread,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor,
            @RequestParam(required = false) ConversationPriority priority,
            @RequestParam(required = false) @Size(max = 50) String label) {
        return queries.one(
                new ListConversationsQuery(
                        status,
                        channelId == null ? null : new ChannelId(channelId),
                        assigneeId == null ? null : new UserId(assigneeId),
                        unread,
                        limit,
                        cursor,
                        priority,
                        label),
                ConversationPage.class);
    }

    /**
     * Per channel and UTC day from {@code from} to {@code to} (both included; by default the 30 days
     * up to today), at most {@value ConversationStatsProjection#MAX_DAYS} days: conversations opened
     * and resolved, messages in and out, first-response and resolution times (p50, p90).
     */
    @GetMapping("/stats")
    public ConversationStats stats(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) UUID channelId) {
        LocalDate last = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate first = from == null ? last.minusDays(29) : from;
        if (first.isAfter(last)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "from must not be after to.");
        }
        if (ChronoUnit.DAYS.between(first, last) >= ConversationStatsProjection.MAX_DAYS) {
            throw new DomainException(
                    ErrorCode.VALIDATION_FAILED,
                    "A range covers at most " + ConversationStatsProjection.MAX_DAYS + " days.");
        }
        return queries.one(
                new ConversationStatsQuery(first, last, channelId == null ? null : new ChannelId(channelId)),
                ConversationStats.class);
    }

    /**
     * The caller's unread customer messages: in all conversations, in those assigned to the caller,
     * in the unassigned ones, and per conversation (assigned to the caller or to nobody).
     */
    @GetMapping("/unread")
    public UnreadConversationsResponse unread() {
        return queries.one(new FindUnreadConversationsQuery(CurrentUser.id()), UnreadConversationsResponse.class);
    }

    /**
     * Whether the tenant's new conversations are assigned round-robin (set by owners and managers
     * with {@code PUT /conversations/settings}).
     */
    @GetMapping("/settings")
    public InboxSettingsView inboxSettings() {
        return queries.one(new FindInboxSettingsQuery(), InboxSettingsView.class);
    }

    /**
     * Which staff members take new conversations from the round-robin, as each last said with {@code
     * PUT /conversations/availability}; available ones first.
     */
    @GetMapping("/availability")
    public StaffAvailabilityList staffAvailability() {
        return queries.one(new ListStaffAvailabilityQuery(), StaffAvailabilityList.class);
    }

    @GetMapping("/{id}")
    public ResponseEntity<ConversationResponse> get(@PathVariable UUID id) {
        return queries.versioned(
                new FindConversationQuery(new ConversationId(id)),
                ConversationResponse.class,
                ConversationResponse::version,
                MISSING);
    }

    /** The conversation's messages and notes, newest first. */
    @GetMapping("/{id}/messages")
    public ConversationMessagePage messages(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.found(
                new ListConversationMessagesQuery(new ConversationId(id), limit, cursor),
                ConversationMessagePage.class,
                MISSING);
    }
}
