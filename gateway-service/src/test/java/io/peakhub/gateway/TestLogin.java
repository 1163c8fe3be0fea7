package io.peakhub.gateway;

import java.time.Instant;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.WebFilter;

/**
 * A signed-in browser session without Keycloak: a request with {@code X-Test-Login: <user>} gets,
 * in its session, what a real login leaves there (the OIDC user and an authorized client whose
 * access token is {@link #ACCESS_TOKEN}, or the value of {@code X-Test-Token}, valid for 300 s or
 * {@code X-Test-Token-Seconds}), before the security filters read it. Test-only.
 */
@TestConfiguration
public class TestLogin {

  public static final String HEADER = "X-Test-Login";
  public static final String ACCESS_TOKEN = "test-access-token";
  public static final String TOKEN_HEADER = "X-Test-Token";
  public static final String TOKEN_SECONDS_HEADER = "X-Test-Token-Seconds";

  @Bean
  @Order(-200)
  WebFilter testLogin(
      ReactiveClientRegistrationRepository registrations,
      ServerOAuth2AuthorizedClientRepository clients) {
    var contexts = new WebSessionServerSecurityContextRepository();
    return (exchange, chain) -> {
      String user = exchange.getRequest().getHeaders().getFirst(HEADER);
      if (user == null) {
        return chain.filter(exchange);
      }
      Instant now = Instant.now();
      var headers = exchange.getRequest().getHeaders();
      String token = headers.getFirst(TOKEN_HEADER);
      String seconds = headers.getFirst(TOKEN_SECONDS_HEADER);
      Instant tokenExpires = now.plusSeconds(seconds == null ? 300 : Long.parseLong(seconds));
      var idToken =
          OidcIdToken.withTokenValue("test-id-token")
              .subject(user)
              .claim("preferred_username", user)
              .issuedAt(now)
              .expiresAt(now.plusSeconds(300))
              .build();
      var authorities = List.of(new SimpleGrantedAuthority("ROLE_customer"));
      var oidcUser = new DefaultOidcUser(authorities, idToken, "preferred_username");
      var authentication = new OAuth2AuthenticationToken(oidcUser, authorities, "keycloak");
      return registrations
          .findByRegistrationId("keycloak")
          .map(
              registration ->
                  new OAuth2AuthorizedClient(
                      registration,
                      user,
                      new OAuth2AccessToken(
                          OAuth2AccessToken.TokenType.BEARER,
                          token == null ? ACCESS_TOKEN : token,
                          now,
                          tokenExpires)))
          .flatMap(client -> clients.saveAuthorizedClient(client, authentication, exchange))
          .then(contexts.save(exchange, new SecurityContextImpl(authentication)))
          .then(chain.filter(exchange));
    };
  }
}
