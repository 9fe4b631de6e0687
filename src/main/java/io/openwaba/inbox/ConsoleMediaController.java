package io.openwaba.inbox;

import io.openwaba.console.ConsolePrincipal;
import io.openwaba.media.Media;
import io.openwaba.shared.Caller;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * A conversation's media for the console: the business's own files only (another business's id
 * is not found). Photos, voice and video a browser plays are sent inline for the previews;
 * everything else (a customer's PDF, an SVG, an HTML file …) only as a download, never rendered
 * on the console's origin.
 */
@Controller
class ConsoleMediaController {

    static final Set<String> SHOWN_INLINE = Set.of("image/jpeg", "image/png", "image/webp", "audio/ogg", "audio/mpeg",
            "audio/aac", "audio/mp4", "video/mp4", "video/3gpp");

    private final Media media;

    ConsoleMediaController(Media media) {
        this.media = media;
    }

    @GetMapping("/console/media/{id}")
    ResponseEntity<InputStreamResource> file(@AuthenticationPrincipal ConsolePrincipal user, @PathVariable String id) {
        if (user.businessId() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        var download = media.open(Caller.business(user.businessId(), null), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var file = download.media();
        var type = file.mimeType() == null ? "" : file.mimeType().split(";")[0].strip();
        boolean inline = SHOWN_INLINE.contains(type);
        var name = file.filename() != null ? file.filename() : file.id();
        return ResponseEntity.ok()
                .contentType(inline ? MediaType.parseMediaType(type) : MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(file.fileSize())
                .header(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline()
                        : ContentDisposition.attachment()).filename(name, java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .body(new InputStreamResource(download.content()));
    }
}
