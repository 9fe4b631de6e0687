package io.openwaba.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The management and sandbox APIs' refusals, as problem details. Spring's own MVC exceptions
 * (unreadable body, wrong method, unsupported media type) are answered before these, by the
 * problem-details handler of {@code spring.mvc.problemdetails.enabled}.
 */
@RestControllerAdvice(annotations = ManagementApi.class)
class ManagementErrors {

    private static final Logger log = LoggerFactory.getLogger(ManagementErrors.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem problem) {
        var body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setTitle(problem.title());
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(problem.status()).body(body);
    }

    /** Two requests raced to create the same thing; the loser is told so, not served a 500. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e) {
        return problem(ApiProblem.conflict("this already exists (created concurrently); read it or retry"));
    }

    @ExceptionHandler(Unauthenticated.class)
    ResponseEntity<ProblemDetail> unauthenticated(Unauthenticated e) {
        var body = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        body.setTitle("Unauthenticated");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer")
                .body(body);
    }

    @ExceptionHandler(UnreadableInput.class)
    ResponseEntity<ProblemDetail> unreadable(UnreadableInput e) {
        return problem(ApiProblem.badRequest(e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Management request failed unexpectedly; answering 500", e);
        return problem(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "an unexpected error occurred; the server log has the details"));
    }
}
