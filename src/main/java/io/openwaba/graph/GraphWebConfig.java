package io.openwaba.graph;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class GraphWebConfig implements WebMvcConfigurer {

    private final GraphBodyResolver bodyResolver;

    GraphWebConfig(GraphBodyResolver bodyResolver) {
        this.bodyResolver = bodyResolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(bodyResolver);
    }

    /** Meta's examples and the Node SDK end paths with a slash: serve them as if it were not there. */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashes() {
        var registration = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
