package dev.tenantcore.command.crm;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.Refusals.refusedAsInvalid;
import static dev.tenantcore.command.common.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.CustomFieldDefinedEvent;
import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldRemovedEvent;
import dev.tenantcore.api.crm.CustomFieldRenamedEvent;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.DefineCustomFieldCommand;
import dev.tenantcore.api.crm.RemoveCustomFieldCommand;
import dev.tenantcore.api.crm.RenameCustomFieldCommand;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import dev.tenantcore.command.common.UniqueKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

@DisplayName("CustomField")
class CustomFieldTest implements Transitions, Refusals {

    private static final CustomFieldId SIZE = CustomFieldId.random();

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    /** The command-side record, by field id: its key, or absent once removed. */
    private final Map<CustomFieldId, String> recorded = new HashMap<>();

    private final FixtureConfiguration<CustomField> fixture =
            fixtureFor(CustomField.class, keys, new CustomFieldDefinitions() {
                @Override
                public List<Definition> all() {
                    return List.of();
                }

                @Override
                public void defined(Definition definition) {
                    recorded.put(definition.id(), definition.key());
                }

                @Override
                public void renamed(CustomFieldId id, String key) {
                    recorded.put(id, key);
                }

                @Override
                public void removed(CustomFieldId id) {
                    recorded.remove(id);
                }
            });

    @Override
    public FixtureConfiguration<CustomField> fixture() {
        return fixture;
    }

    static DefineCustomFieldCommand define(String key, CustomFieldType type, List<String> options, boolean unique) {
        return new DefineCustomFieldCommand(SIZE, key, "Size", type, options, false, unique);
    }

    static CustomFieldDefinedEvent size() {
        return new CustomFieldDefinedEvent(
                SIZE, ACME, "size", "Size", CustomFieldType.SINGLE_SELECT, List.of("s", "m"), false, false);
    }

    static Stream<Arguments> transitions() {
        List<Object> defined = List.of(size());
        return Stream.of(
                transition(
                        "a field gets a new key and label",
                        defined,
                        new RenameCustomFieldCommand(SIZE, null, "fit", "Fit"),
                        1L,
                        new CustomFieldRenamedEvent(SIZE, "fit", "Fit")),
                transition(
                        "a null key keeps the key",
                        defined,
                        new RenameCustomFieldCommand(SIZE, 0L, null, "Fit"),
                        1L,
                        new CustomFieldRenamedEvent(SIZE, "size", "Fit")),
                transition(
                        "a rename to the same names records nothing",
                        defined,
                        new RenameCustomFieldCommand(SIZE, null, "size", "Size"),
                        0L));
    }

    static Stream<Arguments> refusals() {
        return Stream.concat(
                refusedAsInvalid(
                        "defining",
                        List.of(),
                        Stream.of(
                                invalid("a key with capitals", define("Size", CustomFieldType.TEXT, null, false)),
                                invalid("a key with a dash", define("shoe-size", CustomFieldType.TEXT, null, false)),
                                invalid("a field without a type", define("size", null, null, false)),
                                invalid(
                                        "a select without options",
                                        define("size", CustomFieldType.SINGLE_SELECT, List.of(), false)),
                                invalid(
                                        "a select with repeated options",
                                        define("size", CustomFieldType.MULTI_SELECT, List.of("s", "s"), false)),
                                invalid(
                                        "a text field with options",
                                        define("size", CustomFieldType.TEXT, List.of("s"), false)),
                                invalid("a unique boolean", define("size", CustomFieldType.BOOLEAN, null, true)),
                                invalid(
                                        "a blank label",
                                        new DefineCustomFieldCommand(
                                                SIZE, "size", " ", CustomFieldType.TEXT, null, false, false)))),
                refusedAsInvalid(
                        "renaming",
                        List.of(size()),
                        Stream.of(invalid(
                                "to a key with spaces", new RenameCustomFieldCommand(SIZE, null, "shoe size", null)))));
    }

    @Test
    @DisplayName("a definition claims its key and is recorded for contact writes")
    void define() {
        fixture.givenNoPriorActivity()
                .when(define("size", CustomFieldType.SINGLE_SELECT, List.of("s", "m"), false), from(ACME))
                .expectEvents(size());
        assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CUSTOM_FIELD_KEY, "size"))
                .contains(SIZE.value());
        assertThat(recorded).containsEntry(SIZE, "size");
    }

    @Test
    @DisplayName("a key another field has is refused")
    void keyTaken() {
        keys.claimed(ACME, UniqueKeys.Scope.CUSTOM_FIELD_KEY, "size", UUID.randomUUID());
        assertRefused(
                fixture.givenNoPriorActivity(),
                define("size", CustomFieldType.TEXT, null, false),
                ACME,
                ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("renaming moves the key's claim and the record")
    void renameMovesTheKey() {
        keys.claimed(ACME, UniqueKeys.Scope.CUSTOM_FIELD_KEY, "size", SIZE.value());
        fixture.given(size())
                .when(new RenameCustomFieldCommand(SIZE, null, "fit", null), from(ACME))
                .expectEvents(new CustomFieldRenamedEvent(SIZE, "fit", "Size"));
        assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CUSTOM_FIELD_KEY, "size"))
                .isEmpty();
        assertThat(recorded).containsEntry(SIZE, "fit");
    }

    @Test
    @DisplayName("removing a field is an event, frees its key and drops it from the record")
    void remove() {
        keys.claimed(ACME, UniqueKeys.Scope.CUSTOM_FIELD_KEY, "size", SIZE.value());
        recorded.put(SIZE, "size");
        fixture.given(size())
                .when(new RemoveCustomFieldCommand(SIZE, null), from(ACME))
                .expectEvents(new CustomFieldRemovedEvent(SIZE, "size"))
                .expectMarkedDeleted();
        assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CUSTOM_FIELD_KEY, "size"))
                .isEmpty();
        assertThat(recorded).doesNotContainKey(SIZE);
    }
}
