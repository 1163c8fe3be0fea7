package io.peakhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway publishes the OpenAPI document of its own endpoints at /v3/api-docs, without a
 * session; the routed /api/** calls are the services' to document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(BrowserSecurityTest.OfflineKeycloak.class)
@AutoConfigureWebTestClient(
    timeout = "30s") // a loaded 2-core machine can take over the default 5 s
class OpenApiDocumentTest {

  @Autowired WebTestClient web;

  @Test
  void theDocumentListsTheGatewaysOwnEndpointsWithoutASession() {
    web.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.openapi")
        .exists()
        .jsonPath("$.paths['/api/impersonation'].get")
        .exists()
        .jsonPath(
            "$.paths['/api/impersonation'].post.responses['201'].content['application/json'].schema['$ref']")
        .isEqualTo("#/components/schemas/ImpersonationView")
        .jsonPath("$.paths['/api/impersonation/exit'].post")
        .exists()
        .jsonPath("$.paths['/login/start'].get.responses['302']")
        .exists()
        .jsonPath("$.paths['/login/reauthenticate'].get")
        .exists()
        .jsonPath("$.paths['/oauth2/authorization/keycloak'].get")
        .exists()
        .jsonPath("$.paths['/logout'].post")
        .exists();
  }

  @Test
  void theGatewaysProblemAnswersAreDescribed() {
    web.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.schemas.Problem.properties.type.format")
        .isEqualTo("uri")
        .jsonPath(
            "$.paths['/api/impersonation'].post.responses['409'].content['application/problem+json'].schema['$ref']")
        .isEqualTo("#/components/schemas/Problem")
        .jsonPath(
            "$.paths['/api/impersonation/exit'].post.responses['409'].content['application/problem+json']")
        .exists()
        // Spring Security's CSRF refusal is a bare 403
        .jsonPath("$.paths['/api/impersonation/exit'].post.responses['403'].content")
        .doesNotExist()
        .jsonPath("$.paths['/api/impersonation/exit'].post.responses['403'].description")
        .value(String.class, d -> assertThat(d).contains("CSRF"))
        .jsonPath(
            "$.paths['/login/start'].get.responses['400'].content['application/problem+json']")
        .exists()
        .jsonPath("$.paths['/api/impersonation'].get.responses['401'].description")
        .value(String.class, d -> assertThat(d).contains("unauthenticated"));
  }

  @Test
  void theRoutedCallsAreLeftToTheServicesDocuments() {
    web.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.info.description")
        .value(String.class, d -> assertThat(d).contains("portal-bff").contains("/v3/api-docs"))
        .jsonPath("$.paths['/api/me']")
        .doesNotExist()
        .jsonPath("$.paths['/**']")
        .doesNotExist();
  }
}
