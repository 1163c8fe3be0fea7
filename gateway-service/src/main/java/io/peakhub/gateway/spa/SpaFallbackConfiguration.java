package io.peakhub.gateway.spa;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web app routes in the browser: a link such as /accounts/{id}/my-account opened directly gets
 * index.html, and the app shows that screen. Not for the API, the sign-in and sign-out paths,
 * actuator, the OpenAPI document, or anything that looks like a file (a name with a dot): a missing
 * file stays a 404.
 */
@Configuration
class SpaFallbackConfiguration {

  private static final String[] NOT_CLIENT_ROUTES = {
    "/api", "/oauth2", "/login", "/logout", "/actuator", "/v3/api-docs"
  };

  @Bean
  RouterFunction<ServerResponse> spaFallback(
      @Value("classpath:/static/index.html") Resource index) {
    return RouterFunctions.route(
        RequestPredicates.GET("/**").and(SpaFallbackConfiguration::clientRoute),
        request ->
            ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(index));
  }

  static boolean clientRoute(ServerRequest request) {
    String path = request.path();
    for (String prefix : NOT_CLIENT_ROUTES) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return false;
      }
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return !last.contains(".");
  }
}
