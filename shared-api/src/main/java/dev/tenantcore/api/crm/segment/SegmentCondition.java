package dev.tenantcore.api.crm.segment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One condition of a {@link SegmentFilter}, named on the wire by its {@code type}. Adding a kind
 * of condition is adding a record here and its translation in the query side's one translator.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StageCondition.class, name = "stage"),
    @JsonSubTypes.Type(value = TagsCondition.class, name = "tags"),
    @JsonSubTypes.Type(value = FieldEqualsCondition.class, name = "field_equals"),
    @JsonSubTypes.Type(value = FieldContainsCondition.class, name = "field_contains"),
    @JsonSubTypes.Type(value = FieldRangeCondition.class, name = "field_range"),
    @JsonSubTypes.Type(value = ConsentCondition.class, name = "consent"),
    @JsonSubTypes.Type(value = LastActivityCondition.class, name = "last_activity"),
    @JsonSubTypes.Type(value = HasOrderedCondition.class, name = "has_ordered"),
    @JsonSubTypes.Type(value = TotalSpentCondition.class, name = "total_spent"),
    @JsonSubTypes.Type(value = OwnerCondition.class, name = "owner"),
    @JsonSubTypes.Type(value = CreatedCondition.class, name = "created")
})
public sealed interface SegmentCondition
        permits StageCondition,
                TagsCondition,
                FieldEqualsCondition,
                FieldContainsCondition,
                FieldRangeCondition,
                ConsentCondition,
                LastActivityCondition,
                HasOrderedCondition,
                TotalSpentCondition,
                OwnerCondition,
                CreatedCondition {}
