package dev.tenantcore.infra.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactCreatedEvent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactNoteAddedEvent;
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
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(jackson, new SubjectKeys() {
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
    });

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
}
