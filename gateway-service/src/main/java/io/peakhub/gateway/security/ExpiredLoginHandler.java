package io.peakhub.gateway.security;

import io.peakhub.gateway.problem.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * When Keycloak refuses to refresh (its session ended), TokenRelay would answer 500: instead end
 * the browser session and answer 401 so the UI sends the person to sign in again.
 */
@Component
@Order(-2)
class ExpiredLoginHandler implements WebExceptionHandler {

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
    if (!(ex instanceof ClientAuthorizationException) || exchange.getResponse().isCommitted()) {
      return Mono.error(ex);
    }
    return exchange
        .getSession()
        .flatMap(s -> s.invalidate())
        .then(
            Problems.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                "session-expired",
                "Your sign-in has expired. Sign in again."));
  }
}
