package io.openwaba.graph;

import io.openwaba.shared.MetaError;
import io.openwaba.shared.OrderedMaps;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal on the Graph API, answered in Meta's envelope with Meta's code. WhatsApp codes
 * carry their title in {@code message} and the specifics in {@code error_data.details}.
 */
public class GraphException extends RuntimeException {

    private final HttpStatus status;
    private final int code;
    private final Integer subcode;
    private final String type;
    private final String details;

    public GraphException(HttpStatus status, int code, Integer subcode, String type, String message, String details) {
        super(message);
        this.status = status;
        this.code = code;
        this.subcode = subcode;
        this.type = type;
        this.details = details;
    }

    /** The refusal as Meta answers it. */
    public static GraphException of(MetaError error) {
        return new GraphException(HttpStatus.valueOf(error.httpStatus()), error.code(), error.subcode(), error.type(),
                error.message(), error.details());
    }

    /** The same error as a value, for the internal APIs that answer refusals instead of throwing. */
    public MetaError toMetaError() {
        return new MetaError(status.value(), code, subcode, type, getMessage(), details);
    }

    /** Code 100: a Graph-level parameter problem; the message names the parameter. */
    public static GraphException invalidParameter(String message) {
        return new GraphException(HttpStatus.BAD_REQUEST, 100, null, "OAuthException", "(#100) " + message, null);
    }

    public static GraphException requiredParameter(String param) {
        return invalidParameter("The parameter " + param + " is required.");
    }

    public static GraphException unknownObject(String id, String method) {
        return new GraphException(HttpStatus.BAD_REQUEST, 100, 33, "GraphMethodException",
                "Unsupported " + method + " request. Object with ID '" + id + "' does not exist, cannot be loaded due"
                        + " to missing permissions, or does not support this operation. Please read the Graph API"
                        + " documentation at https://developers.facebook.com/docs/graph-api",
                null);
    }

    public static GraphException unsupportedPath(String method, String path) {
        return new GraphException(HttpStatus.BAD_REQUEST, 100, null, "GraphMethodException",
                "Unsupported " + method + " request. Unknown path components: " + path, null);
    }

    public static GraphException invalidToken(String why) {
        return new GraphException(HttpStatus.UNAUTHORIZED, 190, null, "OAuthException",
                "Invalid OAuth access token - " + why, null);
    }

    /** A WhatsApp error code (131xxx, 132xxx …): title in the message, the specifics in details. */
    public static GraphException whatsapp(HttpStatus status, int code, String title, String details) {
        return new GraphException(status, code, null, "OAuthException", "(#" + code + ") " + title, details);
    }

    /** Code 131009: a value outside what WhatsApp allows (a limit, a count, an enum); details say which. */
    public static GraphException invalidValue(String details) {
        return whatsapp(HttpStatus.BAD_REQUEST, 131009, "Parameter value is not valid", details);
    }

    public static GraphException missingParameter(String details) {
        return whatsapp(HttpStatus.BAD_REQUEST, 131008, "Required parameter is missing", details);
    }

    public static GraphException bodyTooLarge(long limit) {
        return new GraphException(HttpStatus.PAYLOAD_TOO_LARGE, 100, null, "OAuthException",
                "(#100) Request body too large: at most " + limit + " bytes are accepted", null);
    }

    public HttpStatus status() {
        return status;
    }

    public int code() {
        return code;
    }

    /** The error object as Meta shapes it, with the given trace id. */
    public Map<String, Object> envelope(String fbtraceId) {
        var error = new LinkedHashMap<String, Object>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        if (details != null) {
            error.put("error_data", OrderedMaps.of("messaging_product", "whatsapp", "details", details));
        }
        error.put("is_transient", status.is5xxServerError());
        error.put("fbtrace_id", fbtraceId);
        return Map.of("error", error);
    }
}
