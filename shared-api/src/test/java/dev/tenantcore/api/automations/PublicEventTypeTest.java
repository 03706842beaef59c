package dev.tenantcore.api.automations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.identity.UserRegisteredEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.tenancy.TenantSettingsChangedEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PublicEventTypeTest {

    @Test
    void namesAreDottedLowerCaseAndPrefixedByWhatTheyAreAbout() {
        for (PublicEventType type : PublicEventType.values()) {
            assertThat(type.wireName()).matches("[a-z]+\\.[a-z_]+");
            assertThat(type.name()).isEqualTo(type.wireName().replace('.', '_').toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void eachDomainEventIsPublishedUnderOneNameOnly() {
        assertThat(Arrays.stream(PublicEventType.values()).map(PublicEventType::eventClass))
                .doesNotHaveDuplicates();
    }

    @Test
    void findsAnEntryByClassAndByName() {
        assertThat(PublicEventType.forEvent(OrderPlacedEvent.class)).contains(PublicEventType.ORDER_PLACED);
        assertThat(PublicEventType.named("order.placed")).contains(PublicEventType.ORDER_PLACED);
        assertThat(PublicEventType.named("order.Placed")).isEmpty();
    }

    @Test
    void credentialsAndSettingsAreNeverPublished() {
        assertThat(PublicEventType.forEvent(UserRegisteredEvent.class)).isEmpty();
        assertThat(PublicEventType.forEvent(TenantSettingsChangedEvent.class)).isEmpty();
        assertThat(Arrays.stream(PublicEventType.values())
                        .map(t -> t.eventClass().getPackageName()))
                .noneMatch(
                        name -> name.endsWith(".identity") || name.endsWith(".tenancy") || name.endsWith(".apikeys"));
    }
}
