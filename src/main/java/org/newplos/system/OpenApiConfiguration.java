package org.newplos.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** The OpenAPI document at /v3/api-docs (Swagger UI at /swagger-ui.html). */
    @Bean
    OpenAPI newplosOpenApi(@Value("${newplos.version:dev}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Newplos API")
                        .version(version)
                        .description("Plans, spaces, members and leases of a coworking space, studio or makerspace."
                                + " Errors are RFC 9457 problem+json."))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
