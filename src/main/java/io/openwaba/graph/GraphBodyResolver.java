package io.openwaba.graph;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.openwaba.shared.JsonText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a {@link GraphBody} argument: query parameters first, then form fields, then a JSON
 * body on top, refusing bodies over {@code openwaba.graph.max-body-bytes} before reading them.
 */
@Component
class GraphBodyResolver implements HandlerMethodArgumentResolver {

    private final JsonMapper json = JsonMapper.builder().build();
    private final long maxBodyBytes;

    GraphBodyResolver(@Value("${openwaba.graph.max-body-bytes:262144}") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == GraphBody.class;
    }

    @Override
    public GraphBody resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                     NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        var request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw GraphException.bodyTooLarge(maxBodyBytes);
        }
        var merged = json.createObjectNode();
        // Query parameters, and form fields the servlet container has already parsed.
        request.getParameterMap().forEach((name, values) -> merged.put(name, values[values.length - 1]));
        if (isJson(request)) {
            byte[] raw = read(request);
            if (!new String(raw, StandardCharsets.UTF_8).isBlank()) {
                merged.setAll(parseObject(raw));
            }
        }
        return GraphBody.of(merged);
    }

    private ObjectNode parseObject(byte[] raw) {
        try {
            var tree = json.readTree(raw);
            if (!tree.isObject()) {
                throw GraphException.invalidParameter("The request body must be a JSON object.");
            }
            return (ObjectNode) tree;
        } catch (JacksonException e) {
            throw GraphException.invalidParameter("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private boolean isJson(HttpServletRequest request) {
        var type = request.getContentType();
        if (type == null) {
            return true;
        }
        try {
            var mediaType = MediaType.parseMediaType(type);
            return !mediaType.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)
                    && !mediaType.isCompatibleWith(MediaType.MULTIPART_FORM_DATA);
        } catch (IllegalArgumentException e) {
            throw GraphException.invalidParameter("Unreadable content type " + type);
        }
    }

    private byte[] read(HttpServletRequest request) {
        try (var in = request.getInputStream()) {
            byte[] raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (raw.length > maxBodyBytes) {
                throw GraphException.bodyTooLarge(maxBodyBytes);
            }
            if (JsonText.hasEscapedNul(raw)) {
                throw GraphException.invalidParameter("The request body contains a NUL character (\\u0000),"
                        + " which is not accepted.");
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
