package dev.tenantcore.command.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.audit.AuditActor;
import dev.tenantcore.api.audit.AuditEvent;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.audit.StoredEvent;
import dev.tenantcore.infra.credentials.PersonalDataSerializer;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Stored events as auditors read them: the payload as JSON with secrets' digests withheld, and who
 * caused each event from its metadata. Axon's {@code traceId} is the id of the message that started
 * the chain (the correlation id), its {@code correlationId} that of the message that caused this one
 * (the causation id).
 */
@Component
class AuditEvents {

    /** Digests of passwords, tokens and key secrets: never readable through the audit. */
    static final Pattern WITHHELD = Pattern.compile("(?i).*(hash|secret|token|password)");

    static final String WITHHELD_VALUE = "[withheld]";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ObjectMapper json;
    private final AuditedAggregates aggregates;
    private final PersonalDataSerializer personal;

    AuditEvents(ObjectMapper json, AuditedAggregates aggregates, PersonalDataSerializer personal) {
        this.json = json;
        this.aggregates = aggregates;
        this.personal = personal;
    }

    /** The event's metadata, the request's address and user agent decrypted (or "[erased]"). */
    Map<String, Object> metadata(StoredEvent event) {
        return event.metaData() == null
                ? Map.of()
                : read(personal.readableMetaData(
                        event.metaData(), TenantContext.requireTenant("The audit belongs to a tenant.")));
    }

    /** The user ids among {@code metadata} whose names the history shows. */
    static UUID userOf(Map<String, Object> metadata) {
        Object user = metadata.get(MetadataKeys.USER_ID);
        if (user == null || MetadataKeys.ACTOR_API_KEY.equals(metadata.get(MetadataKeys.ACTOR_TYPE))) {
            return null;
        }
        try {
            return UUID.fromString(user.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    AuditEvent toAudit(StoredEvent event, Map<String, Object> metadata, Map<UUID, String> names) {
        var audited = aggregates.byStoredType(event.aggregateType());
        String payloadType = event.payloadType();
        return new AuditEvent(
                event.globalIndex(),
                UUID.fromString(event.eventId()),
                audited == null ? event.aggregateType() : audited.wireName(),
                event.aggregateId(),
                event.sequence(),
                payloadType.substring(payloadType.lastIndexOf('.') + 1),
                event.revision(),
                Instant.parse(event.timestamp()),
                // Personal data decrypted, or "[erased]" once its subject's key is shredded.
                withheld(read(personal.readable(
                        payloadType,
                        event.revision(),
                        event.payload(),
                        TenantContext.requireTenant("The audit belongs to a tenant.")))),
                actor(metadata, names),
                text(metadata.get("traceId")),
                text(metadata.get("correlationId")),
                text(metadata.get(MetadataKeys.CLIENT_IP)),
                text(metadata.get(MetadataKeys.USER_AGENT)));
    }

    private static AuditActor actor(Map<String, Object> metadata, Map<UUID, String> names) {
        Object user = metadata.get(MetadataKeys.USER_ID);
        if (user == null) {
            return new AuditActor(AuditActor.SYSTEM, null, null);
        }
        UUID id;
        try {
            id = UUID.fromString(user.toString());
        } catch (IllegalArgumentException e) {
            return new AuditActor(AuditActor.SYSTEM, null, null);
        }
        if (TenantId.PLATFORM.value().toString().equals(metadata.get(MetadataKeys.TENANT_ID))) {
            return new AuditActor(AuditActor.PLATFORM, id, null);
        }
        if (MetadataKeys.ACTOR_API_KEY.equals(metadata.get(MetadataKeys.ACTOR_TYPE))) {
            return new AuditActor(AuditActor.API_KEY, id, null);
        }
        return new AuditActor(AuditActor.USER, id, names.get(id));
    }

    /** {@code value} with every member whose name says it holds a secret's digest withheld, at any depth. */
    @SuppressWarnings("unchecked")
    static <T> T withheld(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(
                    String.valueOf(k),
                    v != null && WITHHELD.matcher(String.valueOf(k)).matches() ? WITHHELD_VALUE : withheld(v)));
            return (T) copy;
        }
        if (value instanceof Collection<?> list) {
            return (T) list.stream().map(AuditEvents::withheld).toList();
        }
        return value;
    }

    private Map<String, Object> read(byte[] bytes) {
        try {
            return json.readValue(bytes, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static List<UUID> users(List<Map<String, Object>> metadata) {
        return metadata.stream()
                .map(AuditEvents::userOf)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
    }
}
