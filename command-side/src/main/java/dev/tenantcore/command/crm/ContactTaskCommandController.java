package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.AddContactTaskCommand;
import dev.tenantcore.api.crm.CompleteContactTaskCommand;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactTaskResponse;
import dev.tenantcore.api.crm.FindContactTaskQuery;
import dev.tenantcore.api.crm.ReopenContactTaskCommand;
import dev.tenantcore.api.crm.UpdateContactTaskCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff's tasks on a contact. A task lives in its contact's history and has its own version there
 * (the contact's version when it last changed): the {@code ETag} and {@code If-Match} of these
 * endpoints, so a change to the contact or to another of its tasks never makes a task stale.
 */
@RestController
@RequestMapping("/api/v1/contacts/{id}/tasks")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF')")
@CommandEndpoint(representation = ContactTaskResponse.class)
class ContactTaskCommandController {

    /** A task as its endpoints name it: by its contact and its own id, which answers for it. */
    record TaskRef(ContactId contact, UUID task) {
        @Override
        public String toString() {
            return task.toString();
        }
    }

    private final CommandResource<TaskRef, ContactTaskResponse> tasks;

    ContactTaskCommandController(CommandResponses responses) {
        this.tasks = responses
                .resource(
                        "/api/v1/contacts",
                        (TaskRef ref) -> new FindContactTaskQuery(ref.contact(), ref.task()),
                        ContactTaskResponse.class,
                        ContactTaskResponse::version)
                .locatedAt(ref -> "/api/v1/contacts/" + ref.contact() + "/tasks/" + ref.task());
    }

    record AddTaskRequest(
            @NotBlank @Size(max = Contact.TASK_TITLE_LENGTH) String title, Instant dueAt, UUID assigneeId) {}

    record UpdateTaskRequest(
            @Size(min = 1, max = Contact.TASK_TITLE_LENGTH) String title,
            Instant dueAt,
            Boolean removeDue,
            UUID assigneeId,
            Boolean removeAssignee) {}

    /** A new open task; {@code assigneeId} must name an active staff member of the tenant. */
    @CommandEndpoint(representation = ContactTaskResponse.class, creates = true)
    @PostMapping
    ResponseEntity<Object> add(@PathVariable UUID id, @Valid @RequestBody AddTaskRequest body, CommandHeaders headers) {
        TaskRef ref = new TaskRef(new ContactId(id), UUID.randomUUID());
        Object command = new AddContactTaskCommand(
                ref.contact(),
                ref.task(),
                body.title(),
                body.dueAt(),
                body.assigneeId() == null ? null : new UserId(body.assigneeId()));
        return tasks.create(ref, command, headers);
    }

    /** Changes what is given; {@code removeDue} and {@code removeAssignee} clear those. */
    @PatchMapping("/{taskId}")
    ResponseEntity<Object> update(
            @PathVariable UUID id,
            @PathVariable UUID taskId,
            @Valid @RequestBody UpdateTaskRequest body,
            CommandHeaders headers) {
        return tasks.transition(
                new TaskRef(new ContactId(id), taskId),
                headers,
                (ref, version) -> new UpdateContactTaskCommand(
                        ref.contact(),
                        version,
                        ref.task(),
                        body.title(),
                        body.dueAt(),
                        Boolean.TRUE.equals(body.removeDue()),
                        body.assigneeId() == null ? null : new UserId(body.assigneeId()),
                        Boolean.TRUE.equals(body.removeAssignee())));
    }

    /** Marks the task done; a done task stays as it is. */
    @PostMapping("/{taskId}/completion")
    ResponseEntity<Object> complete(@PathVariable UUID id, @PathVariable UUID taskId, CommandHeaders headers) {
        return tasks.transition(
                new TaskRef(new ContactId(id), taskId),
                headers,
                (ref, version) -> new CompleteContactTaskCommand(ref.contact(), version, ref.task()));
    }

    /** Reopens a done task; an open task stays as it is. */
    @DeleteMapping("/{taskId}/completion")
    ResponseEntity<Object> reopen(@PathVariable UUID id, @PathVariable UUID taskId, CommandHeaders headers) {
        return tasks.transition(
                new TaskRef(new ContactId(id), taskId),
                headers,
                (ref, version) -> new ReopenContactTaskCommand(ref.contact(), version, ref.task()));
    }
}
