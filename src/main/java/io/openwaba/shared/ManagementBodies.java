package io.openwaba.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Bounds the request bodies of the management and sandbox APIs by
 * {@code openwaba.api.max-body-bytes}: a declared length over it is refused before the handler
 * runs and before a byte is read, a chunked body once it grows past it. A JSON body holding a NUL
 * is refused before it is parsed.
 */
@ControllerAdvice(annotations = ManagementApi.class)
class ManagementBodies extends RequestBodyAdviceAdapter implements HandlerInterceptor {

    private final long maxBodyBytes;

    ManagementBodies(@Value("${openwaba.api.max-body-bytes:16777216}") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType().isAnnotationPresent(ManagementApi.class)
                && request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        return true;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] raw = input.getBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (raw.length > maxBodyBytes) {
            throw tooLarge();
        }
        if (JsonText.hasEscapedNul(raw)) {
            throw new UnreadableInput("The request body contains a NUL character (\\u0000), which is not accepted.");
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(raw);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
                "at most " + maxBodyBytes + " bytes are accepted (openwaba.api.max-body-bytes)");
    }
}
