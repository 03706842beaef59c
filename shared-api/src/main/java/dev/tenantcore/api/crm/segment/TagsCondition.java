package dev.tenantcore.api.crm.segment;

import java.util.List;

/** The contact carries any, all or none of {@code tags}. */
public record TagsCondition(TagMatch match, List<String> tags) implements SegmentCondition {}
