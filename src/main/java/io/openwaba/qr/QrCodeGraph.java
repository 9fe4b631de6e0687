package io.openwaba.qr;

import io.openwaba.graph.GraphApi;
import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.graph.GraphList;
import io.openwaba.graph.GraphPage;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.Caller;
import io.openwaba.shared.OrderedMaps;
import io.openwaba.shared.PublicUrls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /{phone-number-id}/message_qrdls}: create, list, read, change and delete QR codes and
 * short links, with the clients' variants (JSON or query string, {@code svg}/{@code png} in
 * any case, updates by body {@code code} or by path). Images are served at {@code /qr/{code}.png|svg}.
 */
@GraphApi
@RestController
class QrCodeGraph {

    private static final String PATH = "/{phoneNumberId}/message_qrdls";
    private static final String UNVERSIONED = "/{phoneNumberId:\\d+}/message_qrdls";
    private static final Pattern IMAGE_FIELD = Pattern.compile("qr_image_url\\.format\\((\\w+)\\)", Pattern.CASE_INSENSITIVE);
    private static final List<String> DEFAULT_FIELDS = List.of("code", "prefilled_message", "deep_link_url");

    private final QrCodes codes;
    private final PhoneNumbers numbers;
    private final PublicUrls urls;

    QrCodeGraph(QrCodes codes, PhoneNumbers numbers, PublicUrls urls) {
        this.codes = codes;
        this.numbers = numbers;
        this.urls = urls;
    }

    /** Creates a code, or changes one when the body names its {@code code}. */
    @PostMapping({GraphApi.VERSION + PATH, UNVERSIONED})
    Map<String, Object> createOrUpdate(Caller caller, @PathVariable String phoneNumberId, GraphBody body) {
        var number = visible(caller, phoneNumberId, "post");
        var message = body.string("prefilled_message").orElse(null);
        var code = body.string("code").filter(c -> !c.isBlank());
        if (code.isPresent()) {
            return render(codes.update(number, code.get().trim(), message), null);
        }
        var format = body.string("generate_qr_image").map(f -> f.trim().toUpperCase(Locale.ROOT)).orElse("PNG");
        if (!format.equals("PNG") && !format.equals("SVG")) {
            throw GraphException.invalidParameter("Param generate_qr_image must be SVG or PNG; got '" + format + "'.");
        }
        return render(codes.create(number, message), format);
    }

    @PostMapping({GraphApi.VERSION + PATH + "/{code}", UNVERSIONED + "/{code}"})
    Map<String, Object> update(Caller caller, @PathVariable String phoneNumberId, @PathVariable String code,
                               GraphBody body) {
        var number = visible(caller, phoneNumberId, "post");
        return render(codes.update(number, code, body.string("prefilled_message").orElse(null)), null);
    }

    @GetMapping({GraphApi.VERSION + PATH, UNVERSIONED})
    Map<String, Object> list(Caller caller, @PathVariable String phoneNumberId,
                             @RequestParam(required = false) String fields,
                             @RequestParam(required = false) String limit,
                             @RequestParam(required = false) String after,
                             @RequestParam(required = false) String before) {
        var number = visible(caller, phoneNumberId, "get");
        return GraphPage.of(codes.list(number), QrCode::code, qr -> select(qr, fields), limit, after, before);
    }

    @GetMapping({GraphApi.VERSION + PATH + "/{code}", UNVERSIONED + "/{code}"})
    Map<String, Object> read(Caller caller, @PathVariable String phoneNumberId, @PathVariable String code,
                             @RequestParam(required = false) String fields) {
        var number = visible(caller, phoneNumberId, "get");
        return OrderedMaps.of("data", List.of(select(codes.of(number, code), fields)));
    }

    @DeleteMapping({GraphApi.VERSION + PATH + "/{code}", UNVERSIONED + "/{code}"})
    Map<String, Object> delete(Caller caller, @PathVariable String phoneNumberId, @PathVariable String code) {
        codes.delete(visible(caller, phoneNumberId, "delete"), code);
        return OrderedMaps.of("success", true);
    }

    /** The QR code image: public, like Meta's image URLs, since it only encodes the public deep link. */
    @GetMapping("/qr/{code}.{format}")
    ResponseEntity<?> image(@PathVariable String code, @PathVariable String format) {
        var qr = codes.find(code).orElseThrow(() -> GraphException.unknownObject(code, "get"));
        var cache = CacheControl.noCache();
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "png" -> ResponseEntity.ok().cacheControl(cache).contentType(MediaType.IMAGE_PNG)
                    .body(QrImages.png(qr.deepLinkUrl()));
            case "svg" -> ResponseEntity.ok().cacheControl(cache).contentType(MediaType.valueOf("image/svg+xml"))
                    .body(QrImages.svg(qr.deepLinkUrl()));
            default -> throw GraphException.invalidParameter("QR images are png or svg; got '" + format + "'.");
        };
    }

    private Map<String, Object> render(QrCode qr, String imageFormat) {
        var out = new LinkedHashMap<String, Object>();
        out.put("code", qr.code());
        out.put("prefilled_message", qr.prefilledMessage());
        out.put("deep_link_url", qr.deepLinkUrl());
        if (imageFormat != null) {
            out.put("qr_image_url", imageUrl(qr, imageFormat));
        }
        return out;
    }

    /** Default fields, or those asked for; {@code qr_image_url.format(SVG)} picks the image format. */
    private Map<String, Object> select(QrCode qr, String fields) {
        var requested = GraphList.parse("fields", fields);
        if (requested.isEmpty()) {
            return render(qr, null);
        }
        var out = new LinkedHashMap<String, Object>();
        for (String name : requested) {
            var image = IMAGE_FIELD.matcher(name);
            if (image.matches()) {
                out.put("qr_image_url", imageUrl(qr, image.group(1)));
            } else if (name.equalsIgnoreCase("qr_image_url")) {
                out.put("qr_image_url", imageUrl(qr, "PNG"));
            } else if (DEFAULT_FIELDS.contains(name)) {
                out.put(name, render(qr, null).get(name));
            }
        }
        return out;
    }

    private String imageUrl(QrCode qr, String format) {
        var base = urls.base();
        return base + "/qr/" + qr.code() + "." + format.toLowerCase(Locale.ROOT);
    }

    private PhoneNumber visible(Caller caller, String phoneNumberId, String method) {
        return numbers.find(caller, phoneNumberId).orElseThrow(() -> GraphException.unknownObject(phoneNumberId, method));
    }
}
