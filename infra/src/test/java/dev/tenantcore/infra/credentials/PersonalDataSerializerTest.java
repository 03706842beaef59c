package dev.tenantcore.infra.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactCreatedEvent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactNoteAddedEvent;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.PrivateNoteAddedEvent;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PersonalDataSerializer")
class PersonalDataSerializerTest {

    private static final TenantId ACME = TenantId.random();
    private static final TenantId GLOBEX = TenantId.random();
    private static final String EMAIL = "ann.secret@example.com";

    private final Map<String, SecretKey> stored = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final JacksonSerializer jackson =
            JacksonSerializer.builder().objectMapper(json).build();
    private final SubjectKeys keys = new SubjectKeys() {
        @Override
        public SecretKey keyFor(TenantId tenant, DataSubject subject, String subjectId) {
            return stored.computeIfAbsent(tenant + "/" + subject.wireName() + "/" + subjectId, k -> {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                return new SecretKeySpec(bytes, "AES");
            });
        }

        @Override
        public Optional<SecretKey> find(TenantId tenant, DataSubject subject, String subjectId) {
            return Optional.ofNullable(stored.get(tenant + "/" + subject.wireName() + "/" + subjectId));
        }

        @Override
        public boolean shred(DataSubject subject, String subjectId) {
            TenantId tenant = TenantContext.requireTenant("test");
            return stored.remove(tenant + "/" + subject.wireName() + "/" + subjectId) != null;
        }

        @Override
        public int shredTenant(TenantId tenant) {
            int before = stored.size();
            stored.keySet().removeIf(key -> key.startsWith(tenant + "/"));
            return before - stored.size();
        }
    };
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(jackson, keys);

    private final ContactId contact = ContactId.random();
    private final ContactCreatedEvent created = new ContactCreatedEvent(
            contact,
            ACME,
            "Ann Secret",
            "Acme Corp",
            List.of(EMAIL),
            List.of("+34612345678"),
            new PostalAddress("Calle Mayor 1", null, "Madrid", "28001", null, "ES"),
            "es",
            "lead",
            null,
            "web",
            List.of(),
            List.of("vip"),
            Map.of(),
            null,
            List.of());

    private SerializedObject<byte[]> store(Object event, TenantId tenant) {
        try (var scope = TenantContext.enter(tenant, null)) {
            return serializer.serialize(event, byte[].class);
        }
    }

    private static String text(SerializedObject<byte[]> stored) {
        return new String(stored.getData(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName(
            "the marked fields are stored encrypted: neither the e-mail, the name, the phone nor the street is in the bytes")
    void encryptedAtRest() {
        String bytes = text(store(created, ACME));
        assertThat(bytes)
                .doesNotContain(EMAIL)
                .doesNotContain("Ann Secret")
                .doesNotContain("612345678")
                .doesNotContain("Calle Mayor")
                .contains("pd1:contact:" + contact.value() + ":" + ACME.value() + ":");
    }

    @Test
    @DisplayName(
            "unmarked fields stay as they were: company, stage, tags and ids in clear, the type and revision unchanged")
    void unmarkedUntouched() {
        SerializedObject<byte[]> bytes = store(created, ACME);
        assertThat(text(bytes)).contains("\"company\":\"Acme Corp\"", "\"stage\":\"lead\"", "\"vip\"");
        assertThat(text(bytes)).contains(contact.value().toString());
        assertThat(bytes.getType()).isEqualTo(jackson.typeForClass(ContactCreatedEvent.class));
        assertThat(bytes.getType().getRevision()).isEqualTo("1");
    }

    @Test
    @DisplayName("read back, the event equals the one stored")
    void decrypts() {
        ContactCreatedEvent read = serializer.deserialize(store(created, ACME));
        assertThat(read).isEqualTo(created);
    }

    @Test
    @DisplayName(
            "once the key is shredded the texts read [erased], lists and maps empty, the address a record of [erased]")
    void erased() {
        SerializedObject<byte[]> bytes = store(created, ACME);
        try (var scope = TenantContext.enter(ACME, null)) {
            assertThat(serializer.serialize(created, byte[].class)).isNotNull();
            assertThat(new SubjectKeysView().shred(contact)).isTrue();
        }
        ContactCreatedEvent read = serializer.deserialize(bytes);
        assertThat(read.name()).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(read.emails()).isEmpty();
        assertThat(read.phones()).isEmpty();
        assertThat(read.address().line1()).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(read.address().country()).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(read.company()).isEqualTo("Acme Corp");
        assertThat(read.stage()).isEqualTo("lead");
        assertThat(read.contactId()).isEqualTo(contact);
    }

    /** The test's key store, shredding as the erasure does. */
    private final class SubjectKeysView {
        boolean shred(ContactId id) {
            return stored.remove(ACME + "/contact/" + id.value()) != null;
        }
    }

    @Test
    @DisplayName("each subject has a key of its own: erasing one user leaves another's data readable")
    void perSubject() {
        UserId ann = UserId.random();
        UserId bob = UserId.random();
        var annRegistered = new UserRegisteredEvent(ann, ACME, "ann@example.com", "hash", "Ann", Role.STAFF);
        var bobRegistered = new UserRegisteredEvent(bob, ACME, "bob@example.com", "hash", "Bob", Role.STAFF);
        SerializedObject<byte[]> annBytes = store(annRegistered, ACME);
        SerializedObject<byte[]> bobBytes = store(bobRegistered, ACME);
        stored.remove(ACME + "/user/" + ann.value());
        UserRegisteredEvent annRead = serializer.deserialize(annBytes);
        assertThat(annRead.email()).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(annRead.displayName()).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(annRead.passwordHash()).isEqualTo("hash");
        assertThat((UserRegisteredEvent) serializer.deserialize(bobBytes)).isEqualTo(bobRegistered);
    }

    @Test
    @DisplayName("a ciphertext moved into another tenant's event, or another field, does not decrypt")
    void bound() throws Exception {
        SerializedObject<byte[]> acme = store(created, ACME);
        ObjectNode tree = (ObjectNode) json.readTree(acme.getData());
        String sealedName = tree.get("name").textValue();
        // The same subject id in Globex, with Acme's ciphertext pasted in under Globex's tenant name
        store(created, GLOBEX);
        tree.put(
                "name",
                sealedName.replace(ACME.value().toString(), GLOBEX.value().toString()));
        tree.set("emails", tree.get("phones"));
        ContactCreatedEvent read = serializer.deserialize(
                new SimpleSerializedObject<>(json.writeValueAsBytes(tree), byte[].class, acme.getType()));
        assertThat(read.name()).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(read.emails()).isEmpty();
    }

    @Test
    @DisplayName("the audit's raw reading decrypts only its own tenant's ciphertexts")
    void readableForTenant() throws Exception {
        SerializedObject<byte[]> bytes = store(created, ACME);
        byte[] forAcme = serializer.readable(ContactCreatedEvent.class.getName(), "1", bytes.getData(), ACME);
        assertThat(new String(forAcme, StandardCharsets.UTF_8)).contains(EMAIL);
        byte[] forGlobex = serializer.readable(ContactCreatedEvent.class.getName(), "1", bytes.getData(), GLOBEX);
        assertThat(new String(forGlobex, StandardCharsets.UTF_8))
                .doesNotContain(EMAIL)
                .contains("\"name\":\"[erased]\"");
    }

    @Test
    @DisplayName("values stored before encryption read as they were")
    void legacyClear() throws Exception {
        byte[] clear = jackson.serialize(created, byte[].class).getData();
        ContactCreatedEvent read = serializer.deserialize(
                new SimpleSerializedObject<>(clear, byte[].class, jackson.typeForClass(ContactCreatedEvent.class)));
        assertThat(read).isEqualTo(created);
    }

    @Test
    @DisplayName(
            "upcasters still work: an old revision is upcast (a member renamed, one added) and its encrypted text decrypts")
    void upcasters() throws Exception {
        UUID note = UUID.randomUUID();
        var added = new ContactNoteAddedEvent(contact, note, "called about the divorce", null);
        ObjectNode old = (ObjectNode) json.readTree(store(added, ACME).getData());
        // Revision 0 called the author "writer" and had no note id
        old.remove("noteId");
        old.set("writer", old.remove("authorId"));
        SingleEventUpcaster upcaster = new SingleEventUpcaster() {
            @Override
            protected boolean canUpcast(IntermediateEventRepresentation representation) {
                return representation.getType().getName().equals(ContactNoteAddedEvent.class.getName())
                        && "0".equals(representation.getType().getRevision());
            }

            @Override
            protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
                return representation.upcast(
                        new SimpleSerializedType(ContactNoteAddedEvent.class.getName(), "1"),
                        com.fasterxml.jackson.databind.JsonNode.class,
                        node -> {
                            ObjectNode upcast = (ObjectNode) node;
                            upcast.set("authorId", upcast.remove("writer"));
                            upcast.put("noteId", note.toString());
                            return upcast;
                        },
                        metaData -> metaData);
            }
        };
        var entry = new GenericDomainEventEntry<>(
                "Contact",
                contact.toString(),
                0,
                UUID.randomUUID().toString(),
                Instant.now(),
                ContactNoteAddedEvent.class.getName(),
                "0",
                json.writeValueAsBytes(old),
                serializer.serialize(MetaData.emptyInstance(), byte[].class).getData());
        var events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                        java.util.stream.Stream.of(entry), serializer, new EventUpcasterChain(upcaster))
                .asStream()
                .toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getPayload()).isEqualTo(added);
    }

    private final UserId agent = UserId.random();

    private MetaData requestOf(String actorType) {
        Map<String, Object> meta = new HashMap<>();
        meta.put(MetadataKeys.TENANT_ID, ACME.toString());
        meta.put(MetadataKeys.CLIENT_IP, "203.0.113.7");
        meta.put(MetadataKeys.USER_AGENT, "Mozilla/5.0 (Ann's laptop)");
        if (actorType != null) {
            meta.put(MetadataKeys.USER_ID, agent.toString());
            meta.put(MetadataKeys.ACTOR_TYPE, actorType);
        }
        return MetaData.from(meta);
    }

    @Test
    @DisplayName("a user's request address and user agent are stored sealed under the user's key and read back")
    void requestOriginOfAUser() {
        SerializedObject<byte[]> bytes = store(requestOf(MetadataKeys.ACTOR_USER), ACME);
        assertThat(text(bytes))
                .doesNotContain("203.0.113.7")
                .doesNotContain("Mozilla")
                .contains("pd1:user:" + agent.value() + ":" + ACME.value() + ":")
                .contains(agent.value().toString());
        MetaData read = serializer.deserialize(bytes);
        assertThat(read).isEqualTo(requestOf(MetadataKeys.ACTOR_USER));
        assertThat(new String(serializer.readableMetaData(bytes.getData(), ACME), StandardCharsets.UTF_8))
                .contains("203.0.113.7", "Mozilla/5.0 (Ann's laptop)");
    }

    @Test
    @DisplayName("once the user's key is shredded their address and user agent read [erased]; the rest stays")
    void requestOriginErased() {
        SerializedObject<byte[]> bytes = store(requestOf(MetadataKeys.ACTOR_USER), ACME);
        stored.remove(ACME + "/user/" + agent.value());
        MetaData read = serializer.deserialize(bytes);
        assertThat(read.get(MetadataKeys.CLIENT_IP)).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(read.get(MetadataKeys.USER_AGENT)).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(read.get(MetadataKeys.USER_ID)).isEqualTo(agent.toString());
        assertThat(new String(serializer.readableMetaData(bytes.getData(), ACME), StandardCharsets.UTF_8))
                .contains("\"clientIp\":\"[erased]\"")
                .doesNotContain("203.0.113.7");
        // Written again (a dead letter), an erased value stays erased and makes no new key.
        SerializedObject<byte[]> again = store(read, ACME);
        assertThat(stored).doesNotContainKey(ACME + "/user/" + agent.value());
        assertThat(text(again)).contains("\"clientIp\":\"[erased]\"");
    }

    @Test
    @DisplayName("another tenant's audit does not open a user's sealed address: it is left out, not shown as erased")
    void requestOriginBoundToTenant() {
        SerializedObject<byte[]> bytes = store(requestOf(MetadataKeys.ACTOR_USER), ACME);
        assertThat(new String(serializer.readableMetaData(bytes.getData(), GLOBEX), StandardCharsets.UTF_8))
                .doesNotContain("203.0.113.7")
                .doesNotContain("clientIp")
                .doesNotContain("[erased]")
                .contains(agent.toString());
    }

    @Test
    @DisplayName("an API key's request keeps its address and user agent in clear: a key is not a person")
    void requestOriginOfAnApiKey() {
        SerializedObject<byte[]> bytes = store(requestOf(MetadataKeys.ACTOR_API_KEY), ACME);
        assertThat(text(bytes)).contains("203.0.113.7", "Mozilla/5.0");
        assertThat(stored).isEmpty();
    }

    @Test
    @DisplayName("an anonymous request's address and user agent are not stored: nothing could ever erase them")
    void requestOriginOfAnonymous() {
        SerializedObject<byte[]> bytes = store(requestOf(null), ACME);
        assertThat(text(bytes))
                .doesNotContain("203.0.113.7")
                .doesNotContain("Mozilla")
                .contains(ACME.toString());
        MetaData read = serializer.deserialize(bytes);
        assertThat(read).doesNotContainKeys(MetadataKeys.CLIENT_IP, MetadataKeys.USER_AGENT);
    }

    @Test
    @DisplayName("metadata of another tenant than the appending one keeps no address: its key could not be made there")
    void requestOriginOfAnotherTenant() {
        SerializedObject<byte[]> bytes = store(requestOf(MetadataKeys.ACTOR_USER), GLOBEX);
        assertThat(text(bytes)).doesNotContain("203.0.113.7").doesNotContain("pd1:");
    }

    @Test
    @DisplayName("a message's text is sealed under the conversation's contact; without a contact it stays in clear")
    void messageTexts() {
        ConversationId conversation = new ConversationId(UUID.randomUUID());
        var withContact = new InboundMessageReceivedEvent(
                conversation, MessageId.random(), "wamid.1", "My card ends 4242", null, null, null, contact);
        var without = new InboundMessageReceivedEvent(
                conversation, MessageId.random(), "wamid.2", "Hello there", null, null, null, null);
        var note = new PrivateNoteAddedEvent(conversation, MessageId.random(), "Angry customer", agent, contact);
        SerializedObject<byte[]> sealed = store(withContact, ACME);
        SerializedObject<byte[]> sealedNote = store(note, ACME);
        assertThat(text(sealed)).doesNotContain("4242").contains("pd1:contact:" + contact.value());
        assertThat(text(sealedNote)).doesNotContain("Angry");
        assertThat(text(store(without, ACME))).contains("Hello there");
        stored.remove(ACME + "/contact/" + contact.value());
        InboundMessageReceivedEvent read = serializer.deserialize(sealed);
        assertThat(read.text()).isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(read.providerMessageId()).isEqualTo("wamid.1");
        assertThat(((PrivateNoteAddedEvent) serializer.deserialize(sealedNote)).text())
                .isEqualTo(PersonalDataSerializer.ERASED);
    }

    @Test
    @DisplayName("shredding a tenant's keys leaves every subject of it erased, and another tenant's readable")
    void tenantShredded() {
        SerializedObject<byte[]> acme = store(created, ACME);
        SerializedObject<byte[]> globex = store(created, GLOBEX);
        SerializedObject<byte[]> meta = store(requestOf(MetadataKeys.ACTOR_USER), ACME);
        assertThat(keys.shredTenant(ACME)).isEqualTo(2);
        assertThat(((ContactCreatedEvent) serializer.deserialize(acme)).name())
                .isEqualTo(PersonalDataSerializer.ERASED);
        assertThat(((MetaData) serializer.deserialize(meta)).get(MetadataKeys.CLIENT_IP))
                .isEqualTo(PersonalDataSerializer.ERASED);
        assertThat((ContactCreatedEvent) serializer.deserialize(globex)).isEqualTo(created);
    }
}
