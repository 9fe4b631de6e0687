package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.ConsoleHttpTest;
import org.junit.jupiter.api.Test;

/** The console's live stream over HTTP: each page hears of its business's list and of its own conversation only. */
class LiveUpdateTest extends ConsoleHttpTest {

    @Test
    void aPageHearsOfTheListAndOfTheConversationItShowsAndNothingOfAnotherBusiness() throws Exception {
        var tenant = onboard();
        var operator = consoleUser(tenant, "OPERATOR");
        var anna = newCustomer();
        var boris = newCustomer();
        customerWrites(anna, tenant, "hello");
        customerWrites(boris, tenant, "hello");
        var annas = conversationOf(operator.session(), anna);
        var boriss = conversationOf(operator.session(), boris);

        var listPage = operator.session().events("/console/stream");
        var annasPage = operator.session().events("/console/stream?conversation=" + annas);
        var strangersPage = consoleUser(onboard(), "OPERATOR").session()
                .events("/console/stream?conversation=" + annas);

        customerWrites(boris, tenant, "are you there?");
        customerWrites(anna, tenant, "my parcel");
        eventually(() -> assertThat(annasPage).contains("conversations", "conversation-" + annas));
        eventually(() -> assertThat(listPage).contains("conversations"));
        Thread.sleep(2 * InboxStream.FLUSH.toMillis());
        assertThat(annasPage).doesNotContain("conversation-" + boriss);
        assertThat(listPage).noneMatch(name -> name.startsWith("conversation-"));
        assertThat(strangersPage).isEmpty();
    }
}
