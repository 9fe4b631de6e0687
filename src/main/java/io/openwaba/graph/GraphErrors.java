package io.openwaba.graph;

import io.openwaba.shared.RandomIds;
import io.openwaba.shared.Unauthenticated;
import io.openwaba.shared.UnreadableInput;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Every failure on the Graph API, in Meta's envelope: one place, so clients can rely on it.
 * First in line, before Spring's problem-details handler, which knows the same MVC exceptions.
 */
@RestControllerAdvice(annotations = GraphApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class GraphErrors {

    private static final Logger log = LoggerFactory.getLogger(GraphErrors.class);

    @ExceptionHandler(GraphException.class)
    ResponseEntity<Map<String, Object>> graph(GraphException e) {
        return answer(e);
    }

    @ExceptionHandler(Unauthenticated.class)
    ResponseEntity<Map<String, Object>> unauthenticated(Unauthenticated e) {
        return answer(GraphException.invalidToken(e.getMessage()));
    }

    @ExceptionHandler(UnreadableInput.class)
    ResponseEntity<Map<String, Object>> unreadable(UnreadableInput e) {
        return answer(GraphException.invalidParameter(e.getMessage()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
        return answer(GraphException.requiredParameter(e.getParameterName()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        return answer(GraphException.invalidParameter("Param " + e.getName() + " has an invalid value"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(GraphException.invalidParameter("Unsupported content type " + e.getContentType()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return answer(GraphException.unsupportedPath(e.getMethod().toLowerCase(), "method not supported"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> uploadTooLarge(MaxUploadSizeExceededException e) {
        return answer(GraphException.whatsapp(HttpStatus.PAYLOAD_TOO_LARGE, 131053, "Media upload error",
                "The upload is larger than the 100 MB any WhatsApp media may have."));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, Object>> notMultipart(MultipartException e) {
        return answer(GraphException.invalidParameter("The request must be multipart/form-data with a file part."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Graph request failed unexpectedly; answering 131000", e);
        return answer(GraphException.whatsapp(HttpStatus.INTERNAL_SERVER_ERROR, 131000, "Something went wrong",
                "An unexpected error occurred. Please retry your request later."));
    }

    static ResponseEntity<Map<String, Object>> answer(GraphException e) {
        return ResponseEntity.status(e.status()).body(e.envelope(RandomIds.of("A", 23)));
    }
}
