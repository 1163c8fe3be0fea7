package io.peakhub.platform.security;

import io.peakhub.platform.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A 503 problem, not a 500, when a token cannot be checked because Keycloak did not answer: the
 * token decoder reads Keycloak's discovery document on first use, and Spring Security lets that
 * failure out of its chain as it is (seen here: identity-service answered the demo seeding a 500
 * when Keycloak was slow to answer on a loaded machine). The next request tries Keycloak again.
 */
final class SignInUnavailableFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(SignInUnavailableFilter.class);

  private final ProblemResponses problems;

  SignInUnavailableFilter(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException e) {
      JwtDecoderInitializationException keycloak = keycloakUnreachable(e);
      if (keycloak == null || response.isCommitted()) {
        throw e;
      }
      log.warn(
          "token not checked: Keycloak did not answer ({}); answered 503",
          keycloak.getCause() == null ? keycloak.getMessage() : keycloak.getCause().toString());
      response.setHeader("Retry-After", "5");
      problems.write(
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          "service-unavailable",
          "Your sign-in could not be checked: the identity provider did not answer. Try again in a"
              + " moment.");
    }
  }

  private static JwtDecoderInitializationException keycloakUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JwtDecoderInitializationException keycloak) {
        return keycloak;
      }
    }
    return null;
  }
}
