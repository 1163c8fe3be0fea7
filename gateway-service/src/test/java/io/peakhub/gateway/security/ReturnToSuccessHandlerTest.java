package io.peakhub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.web.server.WebFilterExchange;
import reactor.core.publisher.Mono;

/**
 * After Keycloak sent the browser back: to the page kept by /login/reauthenticate, once, if it is
 * of this site.
 */
class ReturnToSuccessHandlerTest {

  private static String afterLogin(Object kept) {
    var exchange =
        MockServerWebExchange.from(MockServerHttpRequest.get("/login/oauth2/code/keycloak"));
    exchange
        .getSession()
        .doOnNext(
            s -> {
              if (kept != null) {
                s.getAttributes().put(SignInController.RETURN_TO, kept);
              }
            })
        .block();
    new ReturnToSuccessHandler()
        .onAuthenticationSuccess(
            new WebFilterExchange(exchange, e -> Mono.empty()),
            new TestingAuthenticationToken("alice", "n/a", List.of()))
        .block();
    assertThat(exchange.getSession().block().getAttributes())
        .doesNotContainKey(SignInController.RETURN_TO);
    return exchange.getResponse().getHeaders().getLocation().toString();
  }

  @Test
  void returnsToTheKeptPath() {
    assertThat(afterLogin("/accounts/a1/contacts/edit?step=2"))
        .isEqualTo("/accounts/a1/contacts/edit?step=2");
  }

  @Test
  void withoutAKeptPathGoesWhereTheBrowserWasGoingOrHome() {
    assertThat(afterLogin(null)).isEqualTo("/");
  }

  @Test
  void aKeptPathOfAnotherSiteIsIgnored() {
    assertThat(afterLogin("//evil.example/")).isEqualTo("/");
  }
}
