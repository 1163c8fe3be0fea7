package io.peakhub.gateway.impersonation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Ends a Keycloak session from the server (the end-session endpoint with the client's credentials
 * and the session's refresh token).
 */
@Component
class KeycloakSessions {

  private static final Logger log = LoggerFactory.getLogger(KeycloakSessions.class);

  private final WebClient http;

  KeycloakSessions(ObjectProvider<WebClient.Builder> builder) {
    this.http = builder.getIfAvailable(WebClient::builder).clone().build();
  }

  Mono<Void> end(ClientRegistration registration, OAuth2RefreshToken refreshToken) {
    if (refreshToken == null) {
      return Mono.empty();
    }
    Object endpoint =
        registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
    String uri =
        endpoint != null
            ? endpoint.toString()
            : registration.getProviderDetails().getIssuerUri() + "/protocol/openid-connect/logout";
    return http.post()
        .uri(uri)
        .headers(h -> h.setBasicAuth(registration.getClientId(), registration.getClientSecret()))
        .body(
            BodyInserters.fromFormData("client_id", registration.getClientId())
                .with("refresh_token", refreshToken.getTokenValue()))
        .retrieve()
        .toBodilessEntity()
        .then()
        .onErrorResume(
            e -> {
              log.warn("Keycloak did not end the impersonated session: {}", e.getMessage());
              return Mono.empty();
            });
  }
}
