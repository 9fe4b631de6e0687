package io.openwaba.shared;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses, before any controller binds it, a request whose path variables, query parameters or
 * form fields hold a NUL or undecodable percent-encoding, or whose Content-Type is no single type.
 * Thrown here, the refusal reaches the API's own error advice (Graph envelope or problem details).
 */
final class RequestTextCheck implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotSupportedException {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            return true; // the error page reports a failure; it must not fail again on the same text
        }
        checkContentType(request);
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalStateException undecodable) { // Tomcat's InvalidParameterException
            throw new UnreadableInput("The query string or form body is not valid percent-encoded UTF-8.");
        }
        parameters.forEach((name, values) -> {
            refuseNul("parameter name", name);
            for (String value : values) {
                refuseNul("parameter " + name, value);
            }
        });
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.values().forEach(value -> refuseNul("path", String.valueOf(value)));
        }
        return true;
    }

    private static void checkContentType(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
        var contentType = request.getContentType();
        if (contentType == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new UnreadableInput("Unreadable content type " + contentType);
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON),
                    HttpMethod.valueOf(request.getMethod()));
        }
    }

    private static void refuseNul(String where, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new UnreadableInput("The " + where + " contains a NUL character (U+0000), which is not accepted.");
        }
    }
}
