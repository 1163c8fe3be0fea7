package io.peakhub.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway starts while Keycloak is still starting (its discovery document not served yet):
 * signing in is a 503 until Keycloak answers, then the authorization code flow begins against the
 * endpoints Keycloak's discovery document names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class KeycloakStartingTest {

  static final WireMockServer KEYCLOAK = new WireMockServer(options().dynamicPort());

  static {
    KEYCLOAK.start();
  }

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.security.oauth2.client.provider.keycloak.issuer-uri", KeycloakStartingTest::issuer);
  }

  static String issuer() {
    return KEYCLOAK.baseUrl() + "/realms/peak";
  }

  @AfterAll
  static void stop() {
    KEYCLOAK.stop();
  }

  @Autowired WebTestClient web;

  @Test
  void theGatewayStartsBeforeKeycloakAndSignsInOnceKeycloakAnswers() {
    // the context is up although Keycloak has not answered its discovery document
    web.get().uri("/oauth2/authorization/keycloak").exchange().expectStatus().isEqualTo(503);

    KEYCLOAK.stubFor(
        get(urlEqualTo("/realms/peak/.well-known/openid-configuration"))
            .willReturn(
                okJson(
                    """
                    {"issuer":"%1$s",
                     "authorization_endpoint":"%1$s/protocol/openid-connect/auth",
                     "token_endpoint":"%1$s/protocol/openid-connect/token",
                     "jwks_uri":"%1$s/protocol/openid-connect/certs",
                     "userinfo_endpoint":"%1$s/protocol/openid-connect/userinfo",
                     "end_session_endpoint":"%1$s/protocol/openid-connect/logout",
                     "response_types_supported":["code"],
                     "subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"]}"""
                        .formatted(issuer()))));

    String location =
        web.get()
            .uri("/oauth2/authorization/keycloak")
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .returnResult(Void.class)
            .getResponseHeaders()
            .getLocation()
            .toString();
    assertThat(location).startsWith(issuer() + "/protocol/openid-connect/auth?");
    assertThat(location).contains("code_challenge=");
  }
}
