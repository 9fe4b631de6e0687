package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.ConsoleHttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Private notes over HTTP: colleagues see them, the customer never does, and a mention tells its colleague. */
class NoteTest extends ConsoleHttpTest {

    @Test
    void aNoteMentioningAColleagueReachesTheirMentionsAndNeverTheCustomer() {
        var tenant = onboard();
        var anna = consoleUser(tenant, "OPERATOR");
        var boris = consoleUser(tenant, "OPERATOR");
        var customer = newCustomer();
        customerWrites(customer, tenant, "my order is late");
        var id = conversationOf(anna.session(), customer);
        var view = "/console/conversations/" + id;

        var empty = anna.session().submit(view, view + "/note", Map.of("note", "   "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("Write the note first.");
        var tooLong = anna.session().submit(view, view + "/note", Map.of("note", "x".repeat(2001)));
        assertThat(tooLong.statusCode()).isEqualTo(400);

        var borisName = boris.login().substring(0, boris.login().indexOf('@'));
        var noted = anna.session().submit(view, view + "/note", Map.of("note",
                "@" + borisName + " please call them <img src=x onerror=alert(1)>, and @nobody"));
        assertThat(noted.statusCode()).isEqualTo(302);
        var page = anna.session().get(view).body();
        assertThat(page).contains("please call them &lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        assertThat(boris.session().get("/console/conversations").body()).contains("1 new mentions");
        assertThat(anna.session().get("/console/conversations").body()).contains("0 new mentions");
        var mentions = boris.session().get("/console/mentions").body();
        assertThat(mentions).contains("Test OPERATOR mentioned you", "/console/conversations/" + id);

        boris.session().get(view);
        assertThat(boris.session().get("/console/conversations").body()).contains("0 new mentions");
        assertThat(received(customer, tenant)).isEmpty();

        var stranger = consoleUser(onboard(), "OPERATOR");
        assertThat(stranger.session().submit("/console/conversations", view + "/note", Map.of("note", "hi"))
                .statusCode()).isEqualTo(404);
    }
}
