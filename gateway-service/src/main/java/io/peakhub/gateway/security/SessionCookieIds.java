package io.peakhub.gateway.security;

import java.util.List;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * The session's id from its cookie, as Spring Boot's cookie resolver reads and writes it (its name
 * and cookie settings are the resolver's), without the stream it builds for each look: the session
 * manager looks twice a request (to find the session, and before it saves it), and the two streams
 * were 2% of the gateway's CPU for a relayed read ({@code ./hub bench}, JFR).
 */
final class SessionCookieIds implements WebSessionIdResolver {

  private final CookieWebSessionIdResolver cookies;

  SessionCookieIds(CookieWebSessionIdResolver cookies) {
    this.cookies = cookies;
  }

  @Override
  public List<String> resolveSessionIds(ServerWebExchange exchange) {
    List<HttpCookie> held = exchange.getRequest().getCookies().get(cookies.getCookieName());
    if (held == null || held.isEmpty()) {
      return List.of();
    }
    return held.size() == 1
        ? List.of(held.getFirst().getValue())
        : cookies.resolveSessionIds(exchange);
  }

  @Override
  public void setSessionId(ServerWebExchange exchange, String sessionId) {
    cookies.setSessionId(exchange, sessionId);
  }

  @Override
  public void expireSession(ServerWebExchange exchange) {
    cookies.expireSession(exchange);
  }
}
