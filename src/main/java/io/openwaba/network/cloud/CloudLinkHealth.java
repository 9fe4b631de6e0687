package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.numbers.NumberRelay;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A number's Meta link as its health view shows it: LINKED since it was linked, or BROKEN since Meta refused it. */
@OnCloud
@Component
class CloudLinkHealth implements NumberRelay {

    private final CloudLinks links;

    CloudLinkHealth(CloudLinks links) {
        this.links = links;
    }

    @Override
    public Optional<Link> linkOf(String phoneNumberId) {
        return links.find(phoneNumberId).map(link -> link.broken()
                ? new Link("BROKEN", link.brokenReason(), link.brokenAt())
                : new Link("LINKED", null, link.linkedAt()));
    }
}
