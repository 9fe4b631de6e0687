package io.openwaba.tenancy;

import io.openwaba.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves a {@link Caller} argument from {@code Authorization: Bearer|OAuth <token>} or the
 * {@code access_token} query parameter, as the various Cloud API clients send it.
 */
@Component
class CallerResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final Tenancy tenancy;

    CallerResolver(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        var request = webRequest.getNativeRequest(HttpServletRequest.class);
        return tenancy.authenticate(token(request));
    }

    private static String token(HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            var trimmed = header.trim();
            for (String scheme : new String[] {"Bearer ", "OAuth "}) {
                if (trimmed.regionMatches(true, 0, scheme, 0, scheme.length())) {
                    return trimmed.substring(scheme.length()).trim();
                }
            }
        }
        var queryString = request.getQueryString();
        if (queryString != null) {
            for (String pair : queryString.split("&")) {
                if (pair.startsWith("access_token=")) {
                    return URLDecoder.decode(pair.substring("access_token=".length()),
                            StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
