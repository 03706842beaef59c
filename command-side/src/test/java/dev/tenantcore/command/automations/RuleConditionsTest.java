package dev.tenantcore.command.automations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.common.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Rule conditions")
class RuleConditionsTest {

    private static PublicEvent orderPlaced(long total, String currency) {
        Map<String, Object> data = Map.of(
                "orderId", UUID.randomUUID().toString(),
                "number", 7,
                "customerId", UUID.randomUUID().toString(),
                "lines", List.of(Map.of("name", "Shoe", "quantity", 2)),
                "totals",
                        Map.of(
                                "currency",
                                currency,
                                "subtotalMinor",
                                total,
                                "totalMinor",
                                total,
                                "taxRateBasisPoints",
                                2100),
                "paymentProvider", "manual");
        return new PublicEvent(
                UUID.randomUUID(),
                PublicEventType.ORDER_PLACED,
                1,
                Instant.parse("2026-05-01T10:00:00Z"),
                UUID.randomUUID(),
                "order",
                UUID.randomUUID().toString(),
                42,
                data);
    }

    private static RuleConditions.Condition orderCondition(String expression) {
        return RuleConditions.compile(PublicEventType.ORDER_PLACED, expression);
    }

    @Test
    @DisplayName("a condition over the event's typed payload holds or not by the event's data")
    void evaluatesOverThePayload() {
        RuleConditions.Condition big =
                orderCondition("event.data.totals.totalMinor > 10000 && event.data.totals.currency == 'EUR'");
        assertThat(big.test(orderPlaced(20000, "EUR"))).isTrue();
        assertThat(big.test(orderPlaced(5000, "EUR"))).isFalse();
        assertThat(big.test(orderPlaced(20000, "USD"))).isFalse();
    }

    @Test
    @DisplayName("the envelope's type, time and lists are there to test")
    void envelopeAndLists() {
        PublicEvent event = orderPlaced(100, "EUR");
        assertThat(orderCondition("event.type == 'order.placed' && event.aggregateType == 'order'")
                        .test(event))
                .isTrue();
        assertThat(orderCondition("event.occurredAt > timestamp('2026-01-01T00:00:00Z')")
                        .test(event))
                .isTrue();
        assertThat(orderCondition("event.data.lines.exists(l, l.quantity >= 2 && l.name == 'Shoe')")
                        .test(event))
                .isTrue();
        assertThat(orderCondition("size(event.data.lines) == 3").test(event)).isFalse();
    }

    @Test
    @DisplayName("a syntax error is refused with its line and column")
    void syntaxErrorLocated() {
        assertThatThrownBy(() -> orderCondition("event.data.number > 1 &&\n  event.data.number <"))
                .isInstanceOfSatisfying(RuleConditions.InvalidCondition.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RULE_CONDITION);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.properties()).containsEntry("line", 2).containsKey("column");
                });
    }

    @Test
    @DisplayName("a field the event does not have is refused where it is named")
    void unknownFieldLocated() {
        assertThatThrownBy(() -> orderCondition("event.data.number > 1 && event.data.grandTotal > 5"))
                .isInstanceOfSatisfying(RuleConditions.InvalidCondition.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    // "event.data.grandTotal" begins at column 26; CEL points at the selection's dot.
                    assertThat(e.column()).isBetween(26, 37);
                    assertThat(e.getMessage()).contains("grandTotal");
                });
    }

    @Test
    @DisplayName("comparing a field with a value of another type is refused")
    void wrongTypeRefused() {
        assertThatThrownBy(() -> orderCondition("event.data.totals.totalMinor == 'lots'"))
                .isInstanceOfSatisfying(
                        RuleConditions.InvalidCondition.class,
                        e -> assertThat(e.column()).isPositive());
        assertThatThrownBy(() -> orderCondition("event.data.number"))
                .isInstanceOf(RuleConditions.InvalidCondition.class);
    }

    @Test
    @DisplayName("an evaluation past the cost limit fails with a clear error instead of running on")
    void costLimit() {
        // 30^4 iterations: far past the step limit, and a long run without it.
        String thirty = "[" + "1,".repeat(29) + "1]";
        RuleConditions.Condition heavy = orderCondition(thirty + ".all(a, " + thirty + ".all(b, " + thirty + ".all(c, "
                + thirty + ".all(d, a + b + c + d == 4))))");
        assertThatThrownBy(() -> heavy.test(orderPlaced(1, "EUR")))
                .isInstanceOf(RuleConditions.ConditionFailed.class)
                .hasMessageContaining("cost limit");
    }

    @Test
    @DisplayName("an unknown trigger is refused as an unknown event type")
    void unknownTrigger() {
        assertThatThrownBy(() -> RuleConditions.trigger("order.teleported"))
                .isInstanceOfSatisfying(
                        dev.tenantcore.api.common.DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_EVENT_TYPE));
    }

    @Test
    @DisplayName("every event of the catalogue has a payload a condition can be checked against")
    void everyTriggerCompiles() {
        for (PublicEventType type : PublicEventType.values()) {
            assertThat(RuleConditions.compile(type, "event.type == '" + type.wireName() + "'"))
                    .isNotNull();
        }
    }
}
