package io.openwaba.shared;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
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

    @Bean
    OpenAPI openWabaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("openwaba management and sandbox API").version("0.1")
                        .description("BSP administration (/api) and the emulated WhatsApp network (/sandbox)."
                                + " The Graph API (/v{N}.{M}/...) follows Meta's Cloud API and is not described here."))
                .schemaRequirement("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
