package dev.tenantcore.command.crm;

import dev.tenantcore.api.crm.segment.CreateSegmentCommand;
import dev.tenantcore.api.crm.segment.DeleteSegmentCommand;
import dev.tenantcore.api.crm.segment.FindSegmentQuery;
import dev.tenantcore.api.crm.segment.SegmentFilter;
import dev.tenantcore.api.crm.segment.SegmentId;
import dev.tenantcore.api.crm.segment.SegmentResponse;
import dev.tenantcore.api.crm.segment.UpdateSegmentCommand;
import dev.tenantcore.command.common.CommandHeaders;
import dev.tenantcore.command.common.CommandResource;
import dev.tenantcore.command.common.CommandResponses;
import dev.tenantcore.infra.web.CommandEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
 * Staff save, change and delete segments of the tenant's contacts. The filter's rules live in the
 * aggregate ({@link SegmentFilters}): a filter naming an unknown field or stage, or comparing a
 * field with a value of another type, is refused with {@code invalid_segment_filter}.
 */
@RestController
@RequestMapping("/api/v1/segments")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF')")
class SegmentCommandController {

    private final CommandResource<SegmentId, SegmentResponse> segments;

    SegmentCommandController(CommandResponses responses) {
        this.segments = responses.resource(
                "/api/v1/segments",
                SegmentId::new,
                FindSegmentQuery::new,
                SegmentResponse.class,
                SegmentResponse::version);
    }

    record CreateSegmentRequest(
            @NotBlank @Size(max = Segment.NAME_LENGTH) String name,
            @NotNull SegmentFilter filter) {}

    record UpdateSegmentRequest(
            @Size(min = 1, max = Segment.NAME_LENGTH) String name, SegmentFilter filter) {

        UpdateSegmentCommand toCommand(SegmentId segment, Long expectedVersion) {
            return new UpdateSegmentCommand(segment, expectedVersion, name, filter);
        }
    }

    @CommandEndpoint(representation = SegmentResponse.class, creates = true)
    @PostMapping
    ResponseEntity<Object> create(@Valid @RequestBody CreateSegmentRequest body, CommandHeaders headers) {
        SegmentId id = SegmentId.random();
        return segments.create(id, new CreateSegmentCommand(id, body.name(), body.filter()), headers);
    }

    /** Renames the segment and/or replaces its filter; {@code If-Match} guards against a lost update. */
    @CommandEndpoint(representation = SegmentResponse.class)
    @PatchMapping("/{id}")
    ResponseEntity<Object> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateSegmentRequest body, CommandHeaders headers) {
        return segments.transition(id, headers, body::toCommand);
    }

    /** Deletes the segment; its history stays in the event store. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CommandHeaders headers) {
        return segments.remove(id, headers, DeleteSegmentCommand::new);
    }
}
