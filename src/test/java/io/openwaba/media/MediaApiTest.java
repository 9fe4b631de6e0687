package io.openwaba.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;

/** The media API through real multipart HTTP: upload, describe, download, send by id, delete. */
class MediaApiTest extends PlatformTest {

    @Value("${openwaba.data-dir}")
    String dataDir;

    private Tenant tenant;
    private String customer;

    @BeforeEach
    void setUp() {
        tenant = onboard();
        customer = newCustomer();
        customerWrites(customer, tenant, "send me the photo");
    }

    @Test
    void anUploadedImageIsDescribedDownloadedAndReachesTheCustomerWithTheSameSha256() throws Exception {
        byte[] png = png();

        var upload = upload(tenant, "photo.png", "image/png", png, true, false);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        var mediaId = upload.json().get("id").asString();

        var described = http.get("/v21.0/" + mediaId, tenant.token());
        assertThat(described.status()).as(described.body()).isEqualTo(200);
        assertThat(described.json().get("mime_type").asString()).isEqualTo("image/png");
        assertThat(described.json().get("sha256").asString()).isEqualTo(sha256(png));
        assertThat(described.json().get("file_size").asString()).isEqualTo(Integer.toString(png.length));
        assertThat(described.json().get("messaging_product").asString()).isEqualTo("whatsapp");

        var url = described.json().get("url").asString();
        var download = download(url, tenant.token());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(download.body()).isEqualTo(png);
        assertThat(download(url, null).statusCode()).isEqualTo(401);
        assertThat(download(url, onboard().token()).statusCode()).as("as if it did not exist").isEqualTo(404);

        var sent = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "image",
                "image", Map.of("id", mediaId, "caption", "Your order")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        var payload = deliveredPayload(sent);
        assertThat(payload.at("/image/sha256").asString()).isEqualTo(sha256(png));
        assertThat(payload.at("/image/mime_type").asString()).isEqualTo("image/png");
        assertThat(payload.at("/image/caption").asString()).isEqualTo("Your order");
    }

    static Stream<Arguments> everyMediaType() {
        byte[] ogg = java.util.Arrays.copyOf("OggS".getBytes(StandardCharsets.US_ASCII), 64);
        byte[] mp4 = java.util.Arrays.copyOf("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 64);
        byte[] webp = java.util.Arrays.copyOf("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 64);
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] jpeg = java.util.Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 64);
        return Stream.of(
                Arguments.of("image", "photo.jpg", jpeg, Map.of("caption", "c".repeat(1024))),
                Arguments.of("video", "clip.mp4", mp4, Map.of("caption", "How to")),
                Arguments.of("audio", "note.ogg", ogg, Map.of()),
                Arguments.of("document", "terms.pdf", pdf, Map.of("filename", "f".repeat(240), "caption", "Terms")),
                Arguments.of("sticker", "smile.webp", webp, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMediaType")
    void everyMediaTypeIsSentByIdAndArrivesWithItsSha256(String type, String filename, byte[] content,
                                                          Map<String, Object> extras) throws Exception {
        var mediaId = upload(tenant, filename, "application/octet-stream", content, true, false).json().get("id").asString();
        var object = new java.util.HashMap<String, Object>(extras);
        object.put("id", mediaId);

        var sent = send(type, object);

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(deliveredPayload(sent).at("/" + type + "/sha256").asString()).isEqualTo(sha256(content));
        if (extras.containsKey("caption")) {
            var tooLong = new java.util.HashMap<String, Object>(object);
            tooLong.put("caption", "c".repeat(1025));
            assertThat(send(type, tooLong).json().at("/error/message").asString()).contains("at most 1024 characters");
        }
        if (extras.containsKey("filename")) {
            var tooLong = new java.util.HashMap<String, Object>(object);
            tooLong.put("filename", "f".repeat(241));
            assertThat(send(type, tooLong).json().at("/error/message").asString()).contains("at most 240 characters");
        }
    }

    @Test
    void aFileWithALyingNameAndTypeIsClassifiedByItsContent() throws Exception {
        var upload = upload(tenant, "invoice.pdf", "application/pdf", png(), true, false);

        var described = http.get("/v21.0/" + upload.json().get("id").asString(), tenant.token());
        assertThat(described.json().get("mime_type").asString()).isEqualTo("image/png");
    }

    @Test
    void documentsTextAndTheQueryStringQuirkAreAccepted() {
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        var upload = upload(tenant, "terms.pdf", null, pdf, false, true);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        var text = upload(tenant, "notes.txt", "text/plain", "Öffnungszeiten: 9–18 Uhr\n".getBytes(StandardCharsets.UTF_8),
                true, false);
        assertThat(http.get("/v21.0/" + text.json().get("id").asString(), tenant.token()).json().get("mime_type").asString())
                .isEqualTo("text/plain");

        var sent = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "document",
                "document", Map.of("id", upload.json().get("id").asString())));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(deliveredPayload(sent).at("/document/filename").asString()).isEqualTo("terms.pdf");
    }

    @Test
    void anOversizeImageIsRefusedAndLeavesNothingOnDisk() throws IOException {
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        long before = storedFiles();

        var upload = upload(tenant, "big.jpg", "image/jpeg", big, true, false);

        assertThat(upload.status()).as(upload.body()).isEqualTo(400);
        assertThat(upload.errorCode()).isEqualTo(131053);
        assertThat(upload.json().at("/error/error_data/details").asString()).contains("larger than the 5 MB");
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void anUploadOverTheMultipartLimitOf100MbGetsAGraphError() {
        var boundary = "----openwaba" + randomDigits(12);
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\nwhatsapp\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        long size = 101L * 1024 * 1024;
        // Streamed, never held in memory: a header, then 101 MB of zeros.
        var body = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), new java.io.InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
                left -= n;
                return n;
            }
        });

        var refused = http.send(http.request("/v21.0/" + tenant.phoneNumberId() + "/media", tenant.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat(refused.errorCode()).as(refused.body()).isEqualTo(131053);
    }

    @Test
    void contentWhatsAppDoesNotTakeIsRefused() throws IOException {
        long before = storedFiles();
        var upload = upload(tenant, "tool.exe", "application/octet-stream", new byte[] {'M', 'Z', 0, 1, 2, 3}, true, false);

        assertThat(upload.status()).isEqualTo(400);
        assertThat(upload.errorCode()).isEqualTo(131053);
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void sendingMediaTheMessageTypeCannotCarryIsRefused() throws Exception {
        var imageId = upload(tenant, "photo.png", "image/png", png(), true, false).json().get("id").asString();
        var foreignId = upload(onboard(), "photo.png", "image/png", png(), true, false).json().get("id").asString();

        var asAudio = send("audio", Map.of("id", imageId));
        var withCaption = send("sticker", Map.of("id", imageId, "caption", "hi"));
        var foreign = send("image", Map.of("id", foreignId));
        var both = send("image", Map.of("id", imageId, "link", "https://example.com/a.png"));
        var ftp = send("image", Map.of("link", "ftp://example.com/a.png"));

        assertThat(asAudio.errorCode()).isEqualTo(131053);
        assertThat(asAudio.json().at("/error/error_data/details").asString()).contains("image/png");
        assertThat(withCaption.errorCode()).isEqualTo(131009);
        assertThat(foreign.errorCode()).isEqualTo(100);
        assertThat(foreign.json().at("/error/message").asString()).contains("not a media id this business uploaded");
        assertThat(both.errorCode()).isEqualTo(100);
        assertThat(both.json().at("/error/message").asString()).contains("exactly one of id");
        assertThat(ftp.errorCode()).isEqualTo(100);
    }

    @Test
    void mediaByLinkIsFetchedOnceAndAnUnreachableLinkFailsTheMessage() throws Exception {
        byte[] png = png();
        var hits = new java.util.concurrent.atomic.AtomicInteger();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/banner.png", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        server.createContext("/song.mp3", exchange -> {
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        server.createContext("/moved.png", exchange -> {
            exchange.getResponseHeaders().add("Location", "/banner.png");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        var receiver = subscribe(tenant);
        try {
            var base = "http://127.0.0.1:" + server.getAddress().getPort();
            var first = send("image", Map.of("link", base + "/moved.png", "caption", "Sale"));
            var second = send("image", Map.of("link", base + "/moved.png"));
            var unreachable = send("image", Map.of("link", "http://127.0.0.1:9/nothing.png"));
            var wrongKind = send("audio", Map.of("link", base + "/song.mp3"));
            assertThat(List.of(first.status(), second.status(), unreachable.status(), wrongKind.status()))
                    .containsOnly(200);

            for (var sent : List.of(first, second)) {
                var payload = deliveredPayload(sent);
                assertThat(payload.at("/image/sha256").asString()).isEqualTo(sha256(png));
                assertThat(payload.at("/image/mime_type").asString()).isEqualTo("image/png");
            }
            assertThat(hits.get()).as("fetched once for both messages").isEqualTo(1);
            for (var sent : List.of(unreachable, wrongKind)) {
                var wamid = sent.json().at("/messages/0/id").asString();
                eventually(() -> {
                    var failed = receiver.accepted().stream().map(d -> d.value())
                            .filter(v -> v.at("/statuses/0/id").asString().equals(wamid)).findFirst();
                    assertThat(failed).isPresent();
                    assertThat(failed.get().at("/statuses/0/status").asString()).isEqualTo("failed");
                    assertThat(failed.get().at("/statuses/0/errors/0/code").asInt()).isEqualTo(131053);
                });
                assertThat(chatPayload(wamid)).isEmpty();
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void replyButtonsCanHaveAnImageHeaderButListsCannot() throws Exception {
        byte[] png = png();
        var imageId = upload(tenant, "menu.png", "image/png", png, true, false).json().get("id").asString();
        var buttons = Map.<String, Object>of("buttons", List.of(Map.of("type", "reply", "reply", Map.of("id", "y", "title", "Yes"))));

        var sent = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "interactive", "interactive", Map.of(
                        "type", "button", "header", Map.of("type", "image", "image", Map.of("id", imageId)),
                        "body", Map.of("text", "Today's menu, order?"), "action", buttons)));
        var captioned = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "interactive", "interactive", Map.of(
                        "type", "button", "header", Map.of("type", "image", "image", Map.of("id", imageId, "caption", "x")),
                        "body", Map.of("text", "b"), "action", buttons)));
        var onAList = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "interactive", "interactive", Map.of(
                        "type", "list", "header", Map.of("type", "image", "image", Map.of("id", imageId)),
                        "body", Map.of("text", "b"), "action", Map.of("button", "Pick", "sections",
                                List.of(Map.of("rows", List.of(Map.of("id", "r", "title", "R"))))))));

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(deliveredPayload(sent).at("/interactive/header/image/sha256").asString()).isEqualTo(sha256(png));
        assertThat(captioned.errorCode()).isEqualTo(131009);
        assertThat(onAList.errorCode()).isEqualTo(131009);
        assertThat(onAList.json().at("/error/error_data/details").asString()).contains("text header only");
    }

    @Test
    void mediaIsPurgedFromDiskWhenItsThirtyDaysAreUp() throws Exception {
        long before = storedFiles();
        var mediaId = upload(tenant, "photo.png", "image/png", png(), true, false).json().get("id").asString();
        assertThat(storedFiles()).isEqualTo(before + 1);

        advanceClock(java.time.Duration.ofDays(29));
        Thread.sleep(200);
        assertThat(http.get("/v21.0/" + mediaId, tenant.token()).status()).as("kept for 30 days").isEqualTo(200);

        advanceClock(java.time.Duration.ofDays(2));
        eventually(() -> {
            try {
                assertThat(storedFiles()).isLessThanOrEqualTo(before);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(http.get("/v21.0/" + mediaId, tenant.token()).errorCode()).isEqualTo(100);
    }

    @Test
    void deletedMediaIsGone() throws Exception {
        var mediaId = upload(tenant, "photo.png", "image/png", png(), true, false).json().get("id").asString();

        var deleted = http.delete("/v21.0/" + mediaId, tenant.token());
        var again = http.delete("/v21.0/" + mediaId, tenant.token());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(400);
        assertThat(http.get("/v21.0/" + mediaId, tenant.token()).errorCode()).isEqualTo(100);
    }

    @Test
    void anUploadWithoutMessagingProductOrFileIsRefused() {
        var noProduct = upload(tenant, "a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8), false, false);
        var notMultipart = http.post("/v21.0/" + tenant.phoneNumberId() + "/media", tenant.token(),
                Map.of("messaging_product", "whatsapp"));

        assertThat(noProduct.status()).isEqualTo(400);
        assertThat(noProduct.json().at("/error/message").asString()).contains("messaging_product");
        assertThat(notMultipart.status()).isEqualTo(400);
        assertThat(notMultipart.errorCode()).isEqualTo(100);
    }

    private Http.Response send(String type, Map<String, Object> media) {
        return http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", type, type, media));
    }

    /** A multipart upload: {@code file}, and {@code type} / {@code messaging_product} as parts or in the query. */
    private Http.Response upload(Tenant owner, String filename, String type, byte[] content, boolean productPart,
                                 boolean productInQuery) {
        var boundary = "----openwaba" + randomDigits(12);
        var body = new ByteArrayOutputStream();
        if (productPart) {
            part(body, boundary, "Content-Disposition: form-data; name=\"messaging_product\"\r\n\r\nwhatsapp");
        }
        if (type != null) {
            part(body, boundary, "Content-Disposition: form-data; name=\"type\"\r\n\r\n" + type);
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + (type == null ? "application/octet-stream" : type) + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var path = "/v21.0/" + owner.phoneNumberId() + "/media" + (productInQuery ? "?messaging_product=whatsapp" : "");
        return http.send(http.request(path, owner.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static void part(ByteArrayOutputStream body, String boundary, String content) {
        body.writeBytes(("--" + boundary + "\r\n" + content + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> download(String url, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The payload of the sent message as the customer's phone got it, once it is in the chat. */
    private tools.jackson.databind.JsonNode deliveredPayload(Http.Response sent) {
        var wamid = sent.json().at("/messages/0/id").asString();
        var payload = new java.util.concurrent.atomic.AtomicReference<tools.jackson.databind.JsonNode>();
        eventually(() -> {
            payload.set(chatPayload(wamid).orElse(null));
            assertThat(payload.get()).as("message " + wamid + " in the customer's chat").isNotNull();
        });
        return payload.get();
    }

    private java.util.Optional<tools.jackson.databind.JsonNode> chatPayload(String wamid) {
        for (var line : http.get("/sandbox/customers/" + customer + "/messages", null).json()) {
            if (line.get("id").asString().equals(wamid)) {
                return java.util.Optional.of(Http.JSON.readTree(line.get("payload").asString()));
            }
        }
        return java.util.Optional.empty();
    }

    private long storedFiles() throws IOException {
        var root = Path.of(dataDir, "media");
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static byte[] png() throws IOException {
        var image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x2a9d8f + (int) (Math.random() * 1000));
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
