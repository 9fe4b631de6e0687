package io.openwaba.profile;

import io.openwaba.numbers.PhoneNumber;
import io.openwaba.shared.MetaError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a number's business profile really lives when it is not here: Meta's Cloud API in cloud
 * mode. The network implements it; without an implementation (sandbox mode) the profile is the
 * one stored by this module.
 */
public interface ProfileRelay {

    /** Meta's profile of the number ({@code fields} as the client asked, or null), as Meta answered it. */
    Answer read(PhoneNumber number, String fields);

    /** The client's update, sent to Meta as it came (a {@code profile_picture_handle} included). */
    Answer update(PhoneNumber number, ObjectNode body);

    /** Meta's body when it accepted, or its error when it refused (or could not be asked). */
    sealed interface Answer {
        record Accepted(JsonNode body) implements Answer {
        }

        record Refused(MetaError error) implements Answer {
        }
    }
}
