package io.peakhub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.session.CookieWebSessionIdResolver;

class SessionCookieIdsTest {

  private final CookieWebSessionIdResolver cookies = new CookieWebSessionIdResolver();
  private final SessionCookieIds ids = new SessionCookieIds(cookies);

  private static MockServerWebExchange with(HttpCookie... held) {
    return MockServerWebExchange.from(MockServerHttpRequest.get("/api/me").cookie(held));
  }

  @Test
  void theSessionCookiesValueAsTheResolverReadsIt() {
    var one = with(new HttpCookie("SESSION", "s-1"), new HttpCookie("XSRF-TOKEN", "x"));
    var none = with(new HttpCookie("XSRF-TOKEN", "x"));
    var two = with(new HttpCookie("SESSION", "s-1"), new HttpCookie("SESSION", "s-2"));

    assertThat(ids.resolveSessionIds(one)).containsExactly("s-1");
    assertThat(ids.resolveSessionIds(none)).isEmpty();
    assertThat(ids.resolveSessionIds(two)).containsExactly("s-1", "s-2");
    for (var exchange : new MockServerWebExchange[] {one, none, two}) {
      assertThat(ids.resolveSessionIds(exchange)).isEqualTo(cookies.resolveSessionIds(exchange));
    }
  }

  @Test
  void theCookieItsNameAndSettingsAreTheResolvers() {
    cookies.setCookieName("HUB");
    cookies.addCookieInitializer(cookie -> cookie.sameSite("Lax").maxAge(Duration.ofMinutes(5)));
    var exchange = with(new HttpCookie("HUB", "s-1"), new HttpCookie("SESSION", "other"));

    assertThat(ids.resolveSessionIds(exchange)).containsExactly("s-1");

    ids.setSessionId(exchange, "s-2");
    var written = exchange.getResponse().getCookies().getFirst("HUB");
    assertThat(written.getValue()).isEqualTo("s-2");
    assertThat(written.getSameSite()).isEqualTo("Lax");
    assertThat(written.isHttpOnly()).isTrue();
    assertThat(written.getMaxAge()).isEqualTo(Duration.ofMinutes(5));

    ids.expireSession(exchange);
    assertThat(exchange.getResponse().getCookies().getFirst("HUB").getMaxAge())
        .isEqualTo(Duration.ZERO);
  }
}
