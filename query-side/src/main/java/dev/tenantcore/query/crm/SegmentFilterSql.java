package dev.tenantcore.query.crm;

import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.segment.ConsentCondition;
import dev.tenantcore.api.crm.segment.CreatedCondition;
import dev.tenantcore.api.crm.segment.FieldContainsCondition;
import dev.tenantcore.api.crm.segment.FieldEqualsCondition;
import dev.tenantcore.api.crm.segment.FieldRangeCondition;
import dev.tenantcore.api.crm.segment.HasOrderedCondition;
import dev.tenantcore.api.crm.segment.LastActivityCondition;
import dev.tenantcore.api.crm.segment.OwnerCondition;
import dev.tenantcore.api.crm.segment.SegmentCondition;
import dev.tenantcore.api.crm.segment.SegmentFilter;
import dev.tenantcore.api.crm.segment.SegmentMatch;
import dev.tenantcore.api.crm.segment.StageCondition;
import dev.tenantcore.api.crm.segment.TagMatch;
import dev.tenantcore.api.crm.segment.TagsCondition;
import dev.tenantcore.api.crm.segment.TotalSpentCondition;
import dev.tenantcore.query.support.JsonColumns;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.Sql;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place where a segment's filter becomes SQL: conditions on {@code contacts}, written as
 * constants of this class with every value bound, added to a contact list query.
 *
 * <p>Order facts come from {@code crm_buyer_orders}, matched to the contact as the list is read:
 * an order belongs to the contact whose linked customer account placed it, or else (no contact is
 * linked to that account) to the contacts whose e-mails include the order's billing e-mail.
 * Members are active contacts only: archived ones wait outside, merged ones never come back.
 */
final class SegmentFilterSql {

    /** A custom field as the query side knows it now: its id (the key of stored values) and type. */
    record Field(String id, CustomFieldType type) {}

    /** One translated condition: SQL over {@code contacts} with its bound values, in order. */
    private record Clause(String sql, List<Object> args) {}

    private static final String ORDER_OF_CONTACT = "(o.customer_id = contacts.customer_account_id"
            + " OR (o.buyer_email = ANY (contacts.emails) AND NOT EXISTS (SELECT 1 FROM contacts linked"
            + " WHERE linked.customer_account_id = o.customer_id AND linked.status <> 'merged')))";
    private static final String HAS_ORDERED =
            "EXISTS (SELECT 1 FROM crm_buyer_orders o WHERE o.standing AND " + ORDER_OF_CONTACT + ")";
    private static final String SPENT = "(SELECT coalesce(sum(o.paid_minor), 0) FROM crm_buyer_orders o"
            + " WHERE o.currency = ? AND " + ORDER_OF_CONTACT + ")";
    private static final String LAST_ACTIVITY = "greatest(contacts.updated_at, (SELECT max(o.created_at)"
            + " FROM crm_buyer_orders o WHERE " + ORDER_OF_CONTACT + "))";
    private static final String NUMBER_OF_FIELD = "CASE WHEN jsonb_typeof(custom_fields -> CAST(? AS text)) = 'number'"
            + " THEN CAST(custom_fields ->> CAST(? AS text) AS numeric) END";

    private final JsonColumns json;

    SegmentFilterSql(JsonColumns json) {
        this.json = json;
    }

    /**
     * Narrows {@code list} to the members of a segment with {@code filter}; {@code fields} are the
     * tenant's custom fields by key. A condition on a field removed since the filter was saved
     * matches no contact.
     */
    <T> KeysetPage.Query<T> members(KeysetPage.Query<T> list, SegmentFilter filter, Map<String, Field> fields) {
        list.where("contacts.status = 'active'");
        List<String> sql = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (SegmentCondition condition : filter.conditions()) {
            Clause clause = clause(condition, fields);
            sql.add("(" + clause.sql() + ")");
            args.addAll(clause.args());
        }
        String joined = String.join(filter.match() == SegmentMatch.ANY ? " OR " : " AND ", sql);
        return list.where("(" + joined + ")", args.toArray());
    }

    private Clause clause(SegmentCondition condition, Map<String, Field> fields) {
        if (condition instanceof StageCondition stage) {
            return new Clause("stage = ANY (CAST(? AS text[]))", List.of((Object) texts(stage.stages())));
        }
        if (condition instanceof TagsCondition tags) {
            String[] names = texts(tags.tags());
            return switch (tags.match() == null ? TagMatch.ANY : tags.match()) {
                case ANY -> new Clause("tags && CAST(? AS text[])", List.of((Object) names));
                case ALL -> new Clause("tags @> CAST(? AS text[])", List.of((Object) names));
                case NONE -> new Clause("NOT (tags && CAST(? AS text[]))", List.of((Object) names));
            };
        }
        if (condition instanceof FieldEqualsCondition equals) {
            Field field = fields.get(equals.key());
            if (field == null) {
                return nothing();
            }
            if (field.type() == CustomFieldType.MULTI_SELECT) {
                return new Clause(
                        "custom_fields -> CAST(? AS text) @> to_jsonb(CAST(? AS text))",
                        List.of(field.id(), String.valueOf(equals.value())));
            }
            // A number or boolean written as text is its own JSON; jsonb compares numbers by value,
            // so 5 finds a stored 5.0.
            boolean literal = field.type() == CustomFieldType.NUMBER || field.type() == CustomFieldType.BOOLEAN;
            return new Clause(
                    "custom_fields -> CAST(? AS text) = CAST(? AS jsonb)",
                    List.of(field.id(), literal ? equals.value() : json.write(equals.value())));
        }
        if (condition instanceof FieldContainsCondition contains) {
            Field field = fields.get(contains.key());
            if (field == null) {
                return nothing();
            }
            return new Clause(
                    "custom_fields ->> CAST(? AS text) ILIKE ? ESCAPE '\\'",
                    List.of(field.id(), Sql.containsPattern(contains.text())));
        }
        if (condition instanceof FieldRangeCondition range) {
            return range(range, fields.get(range.key()));
        }
        if (condition instanceof ConsentCondition consent) {
            String granted = json.write(List.of(Map.of("purpose", consent.purpose(), "granted", true)));
            return new Clause("consents @> CAST(? AS jsonb)", List.of(granted));
        }
        if (condition instanceof LastActivityCondition activity) {
            return between(LAST_ACTIVITY, activity.after(), activity.before());
        }
        if (condition instanceof HasOrderedCondition ordered) {
            return new Clause(ordered.ordered() ? HAS_ORDERED : "NOT " + HAS_ORDERED, List.of());
        }
        if (condition instanceof TotalSpentCondition spent) {
            List<String> sql = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            if (spent.atLeastMinor() != null) {
                sql.add(SPENT + " >= ?");
                args.addAll(List.of(spent.currency(), spent.atLeastMinor()));
            }
            if (spent.atMostMinor() != null) {
                sql.add(SPENT + " <= ?");
                args.addAll(List.of(spent.currency(), spent.atMostMinor()));
            }
            return new Clause(String.join(" AND ", sql), args);
        }
        if (condition instanceof OwnerCondition owner) {
            return new Clause("owner_id = ?", List.of(owner.ownerId().value()));
        }
        if (condition instanceof CreatedCondition created) {
            return between("contacts.created_at", created.from(), created.to());
        }
        throw new IllegalArgumentException(
                "no translation for " + condition.getClass().getSimpleName());
    }

    private static Clause range(FieldRangeCondition range, Field field) {
        if (field == null || (field.type() != CustomFieldType.NUMBER && field.type() != CustomFieldType.DATE)) {
            return nothing();
        }
        List<String> sql = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (Object[] bound : new Object[][] {{">=", range.from()}, {"<=", range.to()}}) {
            if (bound[1] == null) {
                continue;
            }
            if (field.type() == CustomFieldType.NUMBER) {
                sql.add(NUMBER_OF_FIELD + " " + bound[0] + " ?");
                args.addAll(List.of(field.id(), field.id(), new BigDecimal((String) bound[1])));
            } else {
                // Dates are stored as 2026-12-31, which sort as text in the order of time.
                sql.add("custom_fields ->> CAST(? AS text) " + bound[0] + " ?");
                args.addAll(List.of(field.id(), bound[1].toString()));
            }
        }
        return sql.isEmpty() ? nothing() : new Clause(String.join(" AND ", sql), args);
    }

    /** {@code value} at or after {@code from} and before {@code to}, either bound open when null. */
    private static Clause between(String value, Object from, Object to) {
        List<String> sql = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.add(value + " >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.add(value + " < ?");
            args.add(to);
        }
        return sql.isEmpty() ? new Clause("TRUE", List.of()) : new Clause(String.join(" AND ", sql), args);
    }

    private static Clause nothing() {
        return new Clause("FALSE", List.of());
    }

    private static String[] texts(List<String> values) {
        return values.toArray(String[]::new);
    }
}
