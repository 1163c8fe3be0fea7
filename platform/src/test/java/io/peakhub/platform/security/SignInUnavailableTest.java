package io.peakhub.platform.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testapp.PlatformTestApplication;
import java.net.SocketTimeoutException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Keycloak not answering when a token is to be checked (its discovery document unreadable, as
 * Spring Security's lazy decoder reports it): a 503 problem, never a 500.
 */
@SpringBootTest(
    classes = PlatformTestApplication.class,
    properties = PlatformTestApplication.WITHOUT_DATABASE)
@AutoConfigureMockMvc
@Import(SignInUnavailableTest.UnreachableKeycloak.class)
class SignInUnavailableTest {

  static final AtomicBoolean KEYCLOAK_DOWN = new AtomicBoolean(true);

  @TestConfiguration
  static class UnreachableKeycloak {
    @Bean
    JwtDecoder jwtDecoder() {
      return token -> {
        if (KEYCLOAK_DOWN.get()) {
          throw new JwtDecoderInitializationException(
              "Failed to lazily resolve the supplied JwtDecoder instance",
              new IllegalArgumentException(
                  "Unable to resolve the Configuration with the provided Issuer",
                  new SocketTimeoutException("Read timed out")));
        }
        throw new BadJwtException("not a token");
      };
    }
  }

  @Autowired MockMvc mvc;

  @Test
  void aTokenKeycloakCannotCheckIs503ProblemJsonAndTheNextTryIsChecked() throws Exception {
    String account = "/accounts/" + UUID.randomUUID();
    mvc.perform(get(account).header("Authorization", "Bearer abc.def.ghi"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"));

    KEYCLOAK_DOWN.set(false);
    try {
      mvc.perform(get(account).header("Authorization", "Bearer abc.def.ghi"))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/unauthenticated"));
    } finally {
      KEYCLOAK_DOWN.set(true);
    }
  }
}
