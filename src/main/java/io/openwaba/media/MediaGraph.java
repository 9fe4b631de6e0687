package io.openwaba.media;

import io.openwaba.graph.GraphApi;
import io.openwaba.graph.GraphException;
import io.openwaba.graph.GraphFields;
import io.openwaba.graph.GraphNode;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.Caller;
import io.openwaba.shared.OrderedMaps;
import io.openwaba.shared.PublicUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The Cloud API's media calls: upload ({@code POST /{phone-number-id}/media}), describe
 * ({@code GET /{media-id}}), delete, and the download URL, which needs the business's token.
 */
@GraphApi
@RestController
class MediaGraph implements GraphNode {

    private static final List<String> FIELDS = List.of("messaging_product", "url", "mime_type", "sha256", "file_size", "id");

    private final Media media;
    private final PhoneNumbers numbers;
    private final PublicUrls urls;

    MediaGraph(Media media, PhoneNumbers numbers, PublicUrls urls) {
        this.media = media;
        this.numbers = numbers;
        this.urls = urls;
    }

    /**
     * Multipart: {@code file} (its part's Content-Type and name are only hints), {@code type} and
     * {@code messaging_product}, the last two as parts or in the query string.
     */
    @PostMapping({GraphApi.VERSION + "/{phoneNumberId}/media", "/{phoneNumberId:\\d+}/media"})
    Map<String, Object> upload(Caller caller, @PathVariable String phoneNumberId,
                               @RequestParam(value = "file", required = false) MultipartFile file,
                               @RequestParam(value = "type", required = false) String type,
                               @RequestParam(value = "messaging_product", required = false) String product) {
        var number = numbers.find(caller, phoneNumberId)
                .orElseThrow(() -> GraphException.unknownObject(phoneNumberId, "post"));
        if (product == null || product.isBlank()) {
            throw GraphException.requiredParameter("messaging_product");
        }
        if (!product.equalsIgnoreCase("whatsapp")) {
            throw GraphException.invalidParameter("Param messaging_product must be 'whatsapp'.");
        }
        if (file == null || file.isEmpty()) {
            throw GraphException.invalidParameter("The parameter file is required: a non-empty multipart part.");
        }
        try (var content = file.getInputStream()) {
            var declared = type != null && !type.isBlank() ? type : file.getContentType();
            return OrderedMaps.of("id", media.upload(number, file.getOriginalFilename(), declared, content).id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Object> read(Caller caller, String id, GraphFields fields) {
        return media.find(caller, id).map(found -> fields.select(describe(found), FIELDS));
    }

    @DeleteMapping({GraphApi.VERSION + "/{mediaId:\\d+}", "/{mediaId:\\d+}"})
    Map<String, Object> delete(Caller caller, @PathVariable String mediaId) {
        if (!media.delete(caller, mediaId)) {
            throw GraphException.unknownObject(mediaId, "delete");
        }
        return OrderedMaps.of("success", true);
    }

    /** The {@code url} of {@code GET /{media-id}}: the bytes, for the business's token only. */
    @GetMapping("/media/{mediaId:\\d+}")
    ResponseEntity<InputStreamResource> download(Caller caller, @PathVariable String mediaId) {
        var download = media.open(caller, mediaId).orElseThrow(() -> new GraphException(HttpStatus.NOT_FOUND, 100, 33,
                "GraphMethodException", "Media " + mediaId + " does not exist, has expired or is not yours.", null));
        // Stored bytes are typed by their content, but a browser must not second-guess that type.
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(download.media().mimeType()))
                .header("X-Content-Type-Options", "nosniff")
                .contentLength(download.media().fileSize())
                .body(new InputStreamResource(download.content()));
    }

    private Map<String, Object> describe(MediaObject found) {
        var out = new LinkedHashMap<String, Object>();
        out.put("messaging_product", "whatsapp");
        var base = urls.base();
        out.put("url", base + "/media/" + found.id());
        out.put("mime_type", found.mimeType());
        out.put("sha256", found.sha256());
        out.put("file_size", Long.toString(found.fileSize()));
        out.put("id", found.id());
        return out;
    }
}
