package dev.tenantcore.api.crm.conversation;

import java.util.List;

/** The staff members who said whether they take new conversations, available ones first. */
public record StaffAvailabilityList(List<StaffAvailabilityResponse> items) {

    public StaffAvailabilityList {
        items = List.copyOf(items);
    }
}
