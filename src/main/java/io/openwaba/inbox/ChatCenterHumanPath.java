package io.openwaba.inbox;

import io.openwaba.numbers.HumanPath;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.tenancy.ConsoleRole;
import io.openwaba.tenancy.ConsoleUsers;
import org.springframework.stereotype.Component;

/** A number's customers reach a person in the chat center once its business has operators or admins to answer. */
@Component
class ChatCenterHumanPath implements HumanPath {

    private final ConsoleUsers users;

    ChatCenterHumanPath(ConsoleUsers users) {
        this.users = users;
    }

    @Override
    public boolean offeredFor(PhoneNumber number) {
        return number.businessId() != null && users.ofBusiness(number.businessId()).stream()
                .anyMatch(user -> user.role() == ConsoleRole.OPERATOR || user.role() == ConsoleRole.BUSINESS_ADMIN);
    }
}
