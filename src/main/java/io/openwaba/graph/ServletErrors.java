package io.openwaba.graph;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page: a failure outside any controller (a filter, the container) is
 * answered in the envelope of the API the request was for, the Graph envelope or problem
 * details. Asked for directly, {@code /error} is no endpoint. Replaces Spring Boot's default
 * {@code {"timestamp","status",...}} body.
 */
@RestController
class ServletErrors implements ErrorController {

    private static final Pattern GRAPH_PATH = Pattern.compile("/(v\\d+\\.\\d+|\\d+|media)(/.*)?");

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<?> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            return problem(HttpStatus.NOT_FOUND, "No endpoint " + request.getMethod() + " " + request.getRequestURI());
        }
        var status = HttpStatus.resolve(code);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        var path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (!GRAPH_PATH.matcher(path).matches()) {
            return problem(status, status.getReasonPhrase());
        }
        if (status.is5xxServerError()) {
            return GraphErrors.answer(GraphException.whatsapp(status, 131000, "Something went wrong",
                    "An unexpected error occurred. Please retry your request later."));
        }
        return GraphErrors.answer(new GraphException(status, 100, null, "OAuthException",
                "(#100) " + status.getReasonPhrase(), null));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        var body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).body(body);
    }
}
