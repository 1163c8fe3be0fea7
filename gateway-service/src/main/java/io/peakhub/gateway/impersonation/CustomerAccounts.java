package io.peakhub.gateway.impersonation;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The impersonated user's account name for the banner ("Viewing as Alice (Acme Corporation)"):
 * asked once at the start from portal-bff's /api/me with the user's own new token, so it names
 * exactly what that user sees. Empty when it cannot be told quickly; the start never waits on it
 * beyond the limit.
 */
@Component
class CustomerAccounts {

  private static final Logger log = LoggerFactory.getLogger(CustomerAccounts.class);

  record Account(String name) {}

  record Me(List<Account> accounts) {}

  private final WebClient http;

  CustomerAccounts(
      ObjectProvider<WebClient.Builder> builder,
      @Value("${PORTAL_BFF_URL:http://localhost:8085}") String portalBffUrl) {
    this.http = builder.getIfAvailable(WebClient::builder).clone().baseUrl(portalBffUrl).build();
  }

  Mono<String> firstAccountName(String accessToken) {
    return http.get()
        .uri("/api/me")
        .headers(h -> h.setBearerAuth(accessToken))
        .retrieve()
        .bodyToMono(Me.class)
        .timeout(IdentityImpersonations.TIME_LIMIT)
        .mapNotNull(
            me ->
                me.accounts() == null || me.accounts().isEmpty()
                    ? null
                    : me.accounts().getFirst().name())
        .onErrorResume(
            e -> {
              log.info("no account name for the impersonation banner: {}", e.toString());
              return Mono.empty();
            });
  }
}
