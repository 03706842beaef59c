package dev.tenantcore.api.crm;

import java.util.List;

public record ContactTagList(List<ContactTag> items) {}
