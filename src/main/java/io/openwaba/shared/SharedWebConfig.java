package io.openwaba.shared;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class SharedWebConfig implements WebMvcConfigurer {

    private final ManagementBodies managementBodies;

    SharedWebConfig(ManagementBodies managementBodies) {
        this.managementBodies = managementBodies;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(managementBodies); // first: an over-size form body is not parsed
        registry.addInterceptor(new RequestTextCheck());
    }
}
