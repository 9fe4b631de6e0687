package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.ConsoleHttpTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A customer's photo and file in the conversation view: a preview, a download, and only for the business. */
class ConsoleMediaTest extends ConsoleHttpTest {

    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static final Pattern MEDIA = Pattern.compile("/console/media/(\\d+)");

    @Test
    void photosArePreviewedAndFilesOnlyDownloadedByTheBusinessOwnPeople() {
        var tenant = onboard();
        var operator = consoleUser(tenant, "OPERATOR");
        var customer = newCustomer();
        var photo = http.post("/sandbox/customers/" + customer + "/messages", null, Map.of("to", tenant.phoneNumberId(),
                "type", "image", "image", Map.of("data", PNG, "caption", "my *receipt*")));
        assertThat(photo.status()).as(photo.body()).isEqualTo(201);
        var script = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        var file = http.post("/sandbox/customers/" + customer + "/messages", null, Map.of("to", tenant.phoneNumberId(),
                "type", "document", "document", Map.of("data", Base64.getEncoder().encodeToString(script),
                        "filename", "notes.txt")));
        assertThat(file.status()).as(file.body()).isEqualTo(201);

        var id = conversationOf(operator.session(), customer);
        var view = operator.session().get("/console/conversations/" + id).body();
        assertThat(view).contains("data-test=\"media-preview\"", "<strong>receipt</strong>", "notes.txt");
        var ids = MEDIA.matcher(view).results().map(m -> m.group(1)).distinct().toList();
        assertThat(ids).hasSize(2);

        var image = operator.session().get("/console/media/" + ids.get(0));
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("inline"));
        var document = operator.session().get("/console/media/" + ids.get(1));
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(document.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment").contains("notes.txt"));
        assertThat(document.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(document.body()).isEqualTo("<script>alert(1)</script>");

        var stranger = consoleUser(onboard(), "OPERATOR");
        assertThat(stranger.session().get("/console/media/" + ids.get(0)).statusCode()).isEqualTo(404);
        assertThat(stranger.session().get("/console/media/" + ids.get(1)).statusCode()).isEqualTo(404);
        assertThat(operator.session().get("/console/media/nonsense").statusCode()).isEqualTo(404);
    }
}
