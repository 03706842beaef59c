package dev.tenantcore.infra.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event serializer: Jackson (the general serializer it wraps), except that every record
 * component marked {@link PersonalData} is stored encrypted under its subject's key and decrypted
 * when read. A stored value is the text {@code pd1:<subject>:<subject id>:<tenant>:<AES-GCM>}: the
 * JSON of the value, sealed by {@link CredentialCipher} under the subject's key, bound to the
 * tenant, subject and field as associated data (so it cannot be moved to another tenant, subject or
 * field). Ids are not personal data; naming them lets every reader (a processor, the audit, an
 * export) find the key without knowing the event's metadata. A value whose key is gone reads as
 * erased ({@link #ERASED} for text, empty for lists and maps, a record of {@code "[erased]"} texts,
 * otherwise null), so aggregates, processors, sagas, the audit and public events all see the same.
 *
 * <p>Only marked components are ever decrypted: a text that merely looks like a ciphertext in any
 * other field is left as it is. Values stored before encryption existed stay as they were.
 *
 * <p>Messages' metadata goes through here too (Axon serializes it with the event serializer): the
 * request's {@code clientIp} and {@code userAgent} are personal data of the user who acted, sealed
 * the same way under that user's key ({@code pd1:user:<user id>:…}). An API key's requests keep
 * them in clear (a key is a machine's credential, not a person); an anonymous request's are not
 * stored at all, since no subject could ever erase them (see {@link #sealRequestOrigin}).
 */
public final class PersonalDataSerializer implements Serializer {

    public static final String ERASED = "[erased]";
    static final String PREFIX = "pd1:";

    private static final Logger log = LoggerFactory.getLogger(PersonalDataSerializer.class);

    /** One marked component of an event record. */
    record Marked(String component, DataSubject subject, String idComponent, Class<?> type) {}

    private static final ClassValue<List<Marked>> MARKED = new ClassValue<>() {
        @Override
        protected List<Marked> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return List.of();
            }
            List<Marked> marked = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                PersonalData personal = component.getAnnotation(PersonalData.class);
                if (personal != null) {
                    marked.add(new Marked(component.getName(), personal.subject(), personal.id(), component.getType()));
                }
            }
            return List.copyOf(marked);
        }
    };

    private final Serializer delegate;
    private final SubjectKeys keys;
    private final ObjectMapper json = new ObjectMapper();

    public PersonalDataSerializer(Serializer delegate, SubjectKeys keys) {
        this.delegate = delegate;
        this.keys = keys;
    }

    /** The request's address and user agent in metadata: personal data of the user in {@code userId}. */
    private static final List<Marked> REQUEST_ORIGIN = List.of(
            new Marked(MetadataKeys.CLIENT_IP, DataSubject.USER, MetadataKeys.USER_ID, String.class),
            new Marked(MetadataKeys.USER_AGENT, DataSubject.USER, MetadataKeys.USER_ID, String.class));

    private static final String META_DATA_TYPE = MetaData.class.getName();

    /** The components of {@code type} that hold personal data, and whose. */
    public static List<Marked> markedIn(Class<?> type) {
        return MARKED.get(type);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof MetaData metaData) {
            return delegate.serialize(sealRequestOrigin(metaData), expectedRepresentation);
        }
        List<Marked> marked = object == null ? List.of() : MARKED.get(object.getClass());
        if (marked.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        TenantId tenant = currentTenant().orElse(null);
        if (tenant == null) {
            log.warn(
                    "{} is serialized with no tenant to encrypt its personal data for: stored in clear",
                    object.getClass().getSimpleName());
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = delegate.serialize(object, JsonNode.class);
        ObjectNode node = (ObjectNode) tree.getData();
        for (Marked mark : marked) {
            JsonNode value = node.get(mark.component());
            String subjectId = idOf(node.get(mark.idComponent()));
            if (value == null || value.isNull() || subjectId == null) {
                continue;
            }
            node.set(mark.component(), TextNode.valueOf(seal(tenant, mark, subjectId, value)));
        }
        return getConverter()
                .convert(new SimpleSerializedObject<>(node, JsonNode.class, tree.getType()), expectedRepresentation);
    }

    /**
     * {@code metaData} as it is stored: the request's address and user agent sealed under the key
     * of the user who acted, in clear for an API key, and left out for anyone else. An anonymous
     * request may be a person (a visitor sending a form, someone asking for a password reset) or a
     * provider's server (a webhook); the store cannot tell which, and an address kept in clear
     * without a subject could never be erased, so it is not kept: its events show none. Left out
     * too when the metadata's tenant is not the one whose transaction appends it (its key could not
     * be made there).
     */
    private MetaData sealRequestOrigin(MetaData metaData) {
        if (!metaData.containsKey(MetadataKeys.CLIENT_IP) && !metaData.containsKey(MetadataKeys.USER_AGENT)) {
            return metaData;
        }
        Object user = metaData.get(MetadataKeys.USER_ID);
        if (user != null && MetadataKeys.ACTOR_API_KEY.equals(metaData.get(MetadataKeys.ACTOR_TYPE))) {
            return metaData;
        }
        Map<String, Object> stored = new HashMap<>(metaData);
        Object tenantValue = metaData.get(MetadataKeys.TENANT_ID);
        TenantId tenant = tenantValue == null ? null : TenantId.of(tenantValue.toString());
        if (user == null || tenant == null || !tenant.equals(currentTenant().orElse(null))) {
            stored.remove(MetadataKeys.CLIENT_IP);
            stored.remove(MetadataKeys.USER_AGENT);
            return MetaData.from(stored);
        }
        // Made, like a payload field's, in the transaction that appends the event (that tenant's);
        // asked for only when there is something to seal.
        Supplier<SecretKey> key = memoized(() -> keys.keyFor(tenant, DataSubject.USER, user.toString()));
        for (Marked mark : REQUEST_ORIGIN) {
            Object value = stored.get(mark.component());
            if (value == null || ERASED.equals(value) || value.toString().startsWith(PREFIX)) {
                // Absent, erased (read back and written again, as a dead letter is), or sealed already.
                continue;
            }
            stored.put(
                    mark.component(),
                    sealWith(key.get(), tenant, mark, user.toString(), TextNode.valueOf(value.toString())));
        }
        return MetaData.from(stored);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (META_DATA_TYPE.equals(serializedObject.getType().getName())) {
            JsonNode tree =
                    getConverter().convert(serializedObject, JsonNode.class).getData();
            if (tree instanceof ObjectNode node) {
                reveal(node, REQUEST_ORIGIN, null);
            }
            return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
        }
        Class<?> type = classForType(serializedObject.getType());
        List<Marked> marked = type == null || UnknownSerializedType.class.equals(type) ? List.of() : MARKED.get(type);
        if (marked.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = getConverter().convert(serializedObject, JsonNode.class).getData();
        if (tree instanceof ObjectNode node) {
            reveal(node, marked, null);
        }
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    /**
     * A stored payload as JSON bytes with its personal fields decrypted (or erased), for readers of
     * the raw event store such as the audit; only ciphertexts of {@code tenant} are opened.
     */
    public byte[] readable(String payloadType, String revision, byte[] payload, TenantId tenant) {
        Class<?> type;
        try {
            type = classForType(new SimpleSerializedType(payloadType, revision));
        } catch (RuntimeException e) {
            return payload;
        }
        List<Marked> marked = type == null ? List.of() : MARKED.get(type);
        if (marked.isEmpty() || payload == null) {
            return payload;
        }
        try {
            JsonNode tree = json.readTree(payload);
            if (!(tree instanceof ObjectNode node)) {
                return payload;
            }
            reveal(node, marked, tenant);
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stored metadata as JSON bytes with the request's address and user agent decrypted (or {@code
     * "[erased]"} once the user's key is gone), for readers of the raw event store such as the
     * audit; only ciphertexts of {@code tenant} are opened, another tenant's are left out.
     */
    public byte[] readableMetaData(byte[] metaData, TenantId tenant) {
        if (metaData == null) {
            return null;
        }
        try {
            JsonNode tree = json.readTree(metaData);
            if (!(tree instanceof ObjectNode node)) {
                return metaData;
            }
            for (Marked mark : REQUEST_ORIGIN) {
                JsonNode value = node.get(mark.component());
                // Another tenant's (the platform's, acting on this tenant's own aggregate): not this
                // audit's to open, and not erased either, so not shown.
                if (value != null
                        && value.isTextual()
                        && value.textValue().startsWith(PREFIX)
                        && !tenant.equals(tenantOf(value.textValue()))) {
                    node.remove(mark.component());
                }
            }
            reveal(node, REQUEST_ORIGIN, tenant);
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void reveal(ObjectNode node, List<Marked> marked, TenantId onlyTenant) {
        for (Marked mark : marked) {
            JsonNode value = node.get(mark.component());
            if (value == null || !value.isTextual() || !value.textValue().startsWith(PREFIX)) {
                // Not encrypted: stored before encryption, or null.
                continue;
            }
            node.set(mark.component(), open(value.textValue(), mark, onlyTenant));
        }
    }

    /** The tenant a ciphertext names, or null. */
    private static TenantId tenantOf(String stored) {
        String[] parts = stored.split(":", 5);
        try {
            return parts.length == 5 ? new TenantId(UUID.fromString(parts[3])) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String seal(TenantId tenant, Marked mark, String subjectId, JsonNode value) {
        return sealWith(keys.keyFor(tenant, mark.subject(), subjectId), tenant, mark, subjectId, value);
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        Object[] held = new Object[1];
        return () -> {
            if (held[0] == null) {
                held[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T value = (T) held[0];
            return value;
        };
    }

    private String sealWith(SecretKey key, TenantId tenant, Marked mark, String subjectId, JsonNode value) {
        try {
            CredentialCipher.Sealed sealed = fieldCipher(key)
                    .seal(
                            tenant,
                            scope(mark.subject()),
                            subjectId + "." + mark.component(),
                            json.writeValueAsString(value));
            return PREFIX + mark.subject().wireName() + ":" + subjectId + ":" + tenant.value() + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.ciphertext());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode open(String stored, Marked mark, TenantId onlyTenant) {
        String[] parts = stored.split(":", 5);
        if (parts.length != 5 || !mark.subject().wireName().equals(parts[1])) {
            return erased(mark.type());
        }
        TenantId tenant;
        try {
            tenant = new TenantId(UUID.fromString(parts[3]));
        } catch (IllegalArgumentException e) {
            return erased(mark.type());
        }
        if (onlyTenant != null && !onlyTenant.equals(tenant)) {
            return erased(mark.type());
        }
        Optional<SecretKey> key = keys.find(tenant, mark.subject(), parts[2]);
        if (key.isEmpty()) {
            return erased(mark.type());
        }
        try {
            String plain = fieldCipher(key.get())
                    .open(
                            tenant,
                            scope(mark.subject()),
                            parts[2] + "." + mark.component(),
                            new CredentialCipher.Sealed(
                                    KEY, Base64.getUrlDecoder().decode(parts[4])));
            return json.readTree(plain);
        } catch (UnreadableCredentialException | IllegalArgumentException | IOException e) {
            // Tampered, or moved from another tenant, subject or field: unreadable, as if erased.
            return erased(mark.type());
        }
    }

    private static final String KEY = "subject";

    private static CredentialCipher fieldCipher(SecretKey key) {
        return new CredentialCipher(Map.of(KEY, key), KEY);
    }

    private static String scope(DataSubject subject) {
        return "personal." + subject.wireName();
    }

    /** What an erased value of {@code type} reads as. */
    static JsonNode erased(Class<?> type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (CharSequence.class.isAssignableFrom(type)) {
            return nodes.textNode(ERASED);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return nodes.arrayNode();
        }
        if (Map.class.isAssignableFrom(type)) {
            return nodes.objectNode();
        }
        if (type.isRecord()) {
            ObjectNode record = nodes.objectNode();
            for (RecordComponent component : type.getRecordComponents()) {
                if (CharSequence.class.isAssignableFrom(component.getType())) {
                    record.put(component.getName(), ERASED);
                }
            }
            return record;
        }
        return nodes.nullNode();
    }

    /** A typed id is stored as its bare value (or, failing that, an object of one value). */
    private static String idOf(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isValueNode()) {
            return id.asText();
        }
        if (id.isObject() && id.size() == 1) {
            return idOf(id.elements().next());
        }
        return null;
    }

    /**
     * The tenant of the message being handled (events are appended when its unit of work commits,
     * after its handler: a request in the platform's scope may register a tenant's owner), or else
     * the thread's.
     */
    private static Optional<TenantId> currentTenant() {
        if (CurrentUnitOfWork.isStarted()) {
            Object tenant = CurrentUnitOfWork.get().getMessage().getMetaData().get(MetadataKeys.TENANT_ID);
            if (tenant != null) {
                return Optional.of(TenantId.of(tenant.toString()));
            }
        }
        return TenantContext.current();
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
