package io.peakhub.gateway.security;

import java.net.URI;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import reactor.core.publisher.Mono;

/**
 * After Keycloak's sign-in: back to the path {@link SignInController} kept (checked to be of this
 * site), else where the browser was going when it was sent to sign in, else to "/".
 */
class ReturnToSuccessHandler implements ServerAuthenticationSuccessHandler {

  private final ServerAuthenticationSuccessHandler usual =
      new RedirectServerAuthenticationSuccessHandler();
  private final DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

  @Override
  public Mono<Void> onAuthenticationSuccess(
      WebFilterExchange exchange, Authentication authentication) {
    return exchange
        .getExchange()
        .getSession()
        .flatMap(
            session -> {
              Object target = session.getAttributes().remove(SignInController.RETURN_TO);
              if (target instanceof String path && ReturnPath.of(path).isPresent()) {
                return redirect.sendRedirect(exchange.getExchange(), URI.create(path));
              }
              return usual.onAuthenticationSuccess(exchange, authentication);
            });
  }
}
