package io.peakhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationRegistry;
import io.peakhub.platform.testing.StartedObservations;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The browser-facing rules without Keycloak (the provider's endpoints are given explicitly); the
 * real login is covered by the end-to-end tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(BrowserSecurityTest.OfflineKeycloak.class)
@AutoConfigureWebTestClient(
    timeout = "30s") // a loaded 2-core machine can take over the default 5 s
public class BrowserSecurityTest {

  /**
   * Keycloak's endpoints given explicitly, so this test needs no running Keycloak for discovery.
   */
  @TestConfiguration
  public static class OfflineKeycloak {
    @Bean
    ReactiveClientRegistrationRepository clientRegistrations() {
      String realm = "http://localhost:8180/realms/peak";
      return new InMemoryReactiveClientRegistrationRepository(
          ClientRegistration.withRegistrationId("keycloak")
              .clientId("peak-gateway")
              .clientSecret("secret")
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
              .scope("openid", "profile", "email")
              .authorizationUri(realm + "/protocol/openid-connect/auth")
              .tokenUri(realm + "/protocol/openid-connect/token")
              .jwkSetUri(realm + "/protocol/openid-connect/certs")
              .issuerUri(realm)
              .userNameAttributeName("preferred_username")
              .build());
    }
  }

  @Autowired WebTestClient web;
  @Autowired WebSessionManager sessions;
  @Autowired ObservationRegistry observations;

  @Test
  void theSessionCookieIsReadWithoutAStream() {
    assertThat(((DefaultWebSessionManager) sessions).getSessionIdResolver().getClass().getName())
        .isEqualTo("io.peakhub.gateway.security.SessionCookieIds");
  }

  /** The request is observed; Spring Security's chain, authentication and authorization are not. */
  @Test
  void noObservationsOfSpringSecuritysOwn() {
    var started = StartedObservations.on(observations);

    web.get().uri("/api/me").exchange().expectStatus().isUnauthorized();

    assertThat(started.names()).contains("http.server.requests");
    assertThat(started.names()).noneMatch(name -> name.startsWith("spring.security"));
  }

  @Test
  void apiWithoutASessionIs401ProblemJsonNotARedirect() {
    web.get()
        .uri("/api/me")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://peakhub.io/problems/unauthenticated");
  }

  @Test
  void loginStartsAnAuthorizationCodeFlowWithPkce() {
    var result =
        web.get()
            .uri("/oauth2/authorization/keycloak")
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .returnResult(Void.class);
    String location = result.getResponseHeaders().getLocation().toString();
    assertThat(location)
        .startsWith("http://localhost:8180/realms/peak/protocol/openid-connect/auth")
        .contains("response_type=code")
        .contains("code_challenge=")
        .contains("code_challenge_method=S256")
        .contains("client_id=peak-gateway");
    assertThat(result.getResponseHeaders().get("Set-Cookie"))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("SESSION=")
                    .containsIgnoringCase("HttpOnly")
                    .contains("SameSite=Lax"));
  }

  @Test
  void theUiIsServedWithSecurityHeaders() {
    web.get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueMatches("Content-Security-Policy", ".*frame-ancestors 'self'.*")
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("X-Frame-Options", "SAMEORIGIN")
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("<div id=\"root\">").contains("/assets/"));
  }

  @Test
  void theWebAppsScriptsLoadWithoutASession() {
    String html =
        web.get()
            .uri("/")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
    assertThat(script.find()).as("index.html names its script").isTrue();
    web.get()
        .uri(script.group(1))
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith("text/javascript")
        // named by its content's hash: kept by the browser, never asked for again
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
        .expectHeader()
        .doesNotExist(HttpHeaders.PRAGMA)
        .expectHeader()
        .doesNotExist(HttpHeaders.EXPIRES);
    // the page that names the scripts is asked for again on every visit, so a release is seen at
    // once
    web.get()
        .uri("/")
        .exchange()
        .expectHeader()
        .valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-cache.*");
    web.get()
        .uri("/accounts/a1/my-account")
        .exchange()
        .expectHeader()
        .valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-cache.*");
  }

  @Test
  void mutatingCallsWithoutTheCsrfTokenAreRefused() {
    web.post()
        .uri("/api/accounts/a/payments")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void healthIsPublic() {
    web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
  }
}
