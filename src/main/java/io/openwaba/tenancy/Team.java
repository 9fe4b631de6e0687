package io.openwaba.tenancy;

import java.util.List;

/** A team of a business's console users; its members by user id. */
public record Team(String id, String businessId, String name, List<String> memberIds) {

    public Team {
        memberIds = List.copyOf(memberIds);
    }
}
