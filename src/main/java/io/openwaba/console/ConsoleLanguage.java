package io.openwaba.console;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console speaks English or Russian: the browser's language first, {@code ?lang=ru} or
 * {@code ?lang=en} on any page to switch, remembered in a cookie.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleLanguage implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("openwaba-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> Collections.list(request.getLocales()).stream()
                .map(wanted -> supported(wanted.getLanguage())).flatMap(Optional::stream)
                .findFirst().orElse(Locale.ENGLISH));
        return resolver;
    }

    private static Optional<Locale> supported(String language) {
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(new org.springframework.web.servlet.HandlerInterceptor() {
            @Override
            public boolean preHandle(jakarta.servlet.http.HttpServletRequest request,
                                     jakarta.servlet.http.HttpServletResponse response, Object handler) throws Exception {
                var lang = request.getParameter("lang");
                return lang == null || supported(lang).isEmpty() || change.preHandle(request, response, handler);
            }
        }).addPathPatterns("/console", "/console/**");
    }
}
