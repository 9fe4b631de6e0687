package io.openwaba.console;

import io.openwaba.shared.UnreadableInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The console's pages answer a request they cannot read (a NUL, broken percent-encoding) with 400, not 500. */
@ControllerAdvice(basePackages = {"io.openwaba.console", "io.openwaba.inbox"})
class ConsoleErrors {

    @ExceptionHandler(UnreadableInput.class)
    ResponseEntity<String> unreadable(UnreadableInput e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN)
                .body("Bad request: " + e.getMessage());
    }
}
