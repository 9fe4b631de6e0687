package io.openwaba.profile;

import java.util.List;

/** What a customer sees of a business number; {@code null} fields were never set. */
public record BusinessProfile(String about, String address, String description, String email,
                              List<String> websites, String vertical, String pictureMediaId) {

    static final BusinessProfile EMPTY = new BusinessProfile(null, null, null, null, List.of(), null, null);
}
