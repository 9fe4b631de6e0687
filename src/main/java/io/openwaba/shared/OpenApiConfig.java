package io.openwaba.shared;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of the management and sandbox APIs, served at {@code /api/openapi}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // The caller comes from the Authorization header, not from a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /** The API reads and writes snake_case JSON; the document must say so too. */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI openWabaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("openwaba management and sandbox API").version("0.1")
                        .description("BSP administration (/api, with a Bearer token: the admin token or a"
                                + " business token) and the emulated WhatsApp network (/sandbox, sandbox mode only, no"
                                + " token). The Graph API (/v{N}.{M}/...) follows Meta's Cloud API and is not described"
                                + " here."))
                .schemaRequirement("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"));
    }
}
