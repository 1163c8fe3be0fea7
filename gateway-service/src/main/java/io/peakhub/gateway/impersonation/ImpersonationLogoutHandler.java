package io.peakhub.gateway.impersonation;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Signing out while logged in as a customer ends both Keycloak sessions: the customer's here (from
 * the server), the admin's by the usual OIDC logout redirect, which {@link #whoseLoginEnds} points
 * at the admin's ID token.
 */
@Component
public class ImpersonationLogoutHandler implements ServerLogoutHandler {

  private static final String ADMIN = ImpersonationLogoutHandler.class.getName() + ".admin";

  private final ImpersonationService impersonations;

  ImpersonationLogoutHandler(ImpersonationService impersonations) {
    this.impersonations = impersonations;
  }

  @Override
  public Mono<Void> logout(WebFilterExchange exchange, Authentication authentication) {
    return impersonations
        .end(exchange.getExchange(), "logout", true, false)
        .doOnNext(state -> exchange.getExchange().getAttributes().put(ADMIN, state.admin()))
        .then();
  }

  /**
   * The authentication whose Keycloak session the logout redirect ends: the admin's when
   * impersonating.
   */
  public static Authentication whoseLoginEnds(
      ServerWebExchange exchange, Authentication authentication) {
    Authentication admin = exchange.getAttribute(ADMIN);
    return admin != null ? admin : authentication;
  }
}
