package io.peakhub.gateway.impersonation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings, and the admin APIs' route: {@code /api/admin/**} goes to identity-service's {@code
 * /admin/**} with the session's token (identity checks the admin role). Declared here, ordered
 * before the {@code /api/**} route of application.yml, so the browser never calls a service port.
 */
@Configuration
@EnableConfigurationProperties(ImpersonationProperties.class)
class ImpersonationConfiguration {

  @Bean
  RouteLocator adminApiRoute(RouteLocatorBuilder routes, ImpersonationProperties properties) {
    return routes
        .routes()
        .route(
            "identity-admin",
            r ->
                r.order(-1)
                    .path("/api/admin/**")
                    .filters(
                        f ->
                            f.tokenRelay()
                                .removeRequestHeader("Cookie")
                                .removeRequestHeader("X-XSRF-TOKEN")
                                .rewritePath("/api/admin/(?<rest>.*)", "/admin/${rest}"))
                    .uri(properties.identityServiceUrl()))
        .build();
  }
}
