package io.peakhub.gateway.security;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Drops an {@code Authorization} header the browser sends, before anything else runs. The browser
 * is known by its session only; the services get the session's own token (TokenRelay on every route
 * replaces the header), and with this a token the browser holds (forged, stolen, or one with an
 * impersonator claim) reaches no service even on a route that relays none.
 */
@Component
@Order(-103) // before ImpersonationFilter (-102), the read relay (-101) and Spring Security (-100)
class BrowserAuthorizationFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
      return chain.filter(exchange);
    }
    return chain.filter(
        exchange
            .mutate()
            .request(r -> r.headers(h -> h.remove(HttpHeaders.AUTHORIZATION)))
            .build());
  }
}
