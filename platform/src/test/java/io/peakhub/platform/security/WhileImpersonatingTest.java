package io.peakhub.platform.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peakhub.platform.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class WhileImpersonatingTest {

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  private static void signedInAs(Map<String, Object> claims) {
    Jwt.Builder jwt =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("c-1")
            .claim("preferred_username", "alice")
            .claim("realm_access", Map.of("roles", List.of("customer")))
            .issuedAt(Instant.now());
    claims.forEach(jwt::claim);
    SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt.build()));
  }

  @Test
  void anAdminLoggedInAsACustomerIsRefusedWithNotWhileImpersonating() {
    signedInAs(Map.of("impersonator", Map.of("id", "ad-1", "username", "ada")));
    assertThatThrownBy(() -> WhileImpersonating.refuse("change the billing e-mail"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              org.assertj.core.api.Assertions.assertThat(p.status())
                  .isEqualTo(HttpStatus.FORBIDDEN);
              org.assertj.core.api.Assertions.assertThat(p.slug())
                  .isEqualTo("not-while-impersonating");
              org.assertj.core.api.Assertions.assertThat(p.properties())
                  .containsEntry("action", "change the billing e-mail");
            });
  }

  @Test
  void theCustomerThemselvesMayGoAhead() {
    signedInAs(Map.of());
    assertThatCode(() -> WhileImpersonating.refuse("change the billing e-mail"))
        .doesNotThrowAnyException();
  }

  @Test
  void anImpersonatorClaimWithoutAnIdDoesNotCount() {
    signedInAs(Map.of("impersonator", Map.of("username", "ada")));
    assertThatCode(() -> WhileImpersonating.refuse("add a payment method"))
        .doesNotThrowAnyException();
  }
}
