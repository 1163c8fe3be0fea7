package io.peakhub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The requests that need a session's token refreshed at the same moment wait for one refresh, and
 * all get its answer: the refreshed client, none, or the error.
 */
class OneRefreshAtATimeTest {

  private static final ClientRegistration KEYCLOAK =
      ClientRegistration.withRegistrationId("keycloak")
          .clientId("peak-gateway")
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
          .authorizationUri("http://keycloak/auth")
          .tokenUri("http://keycloak/token")
          .build();

  /** A refresh that answers when the test says, counting the grants it was asked for. */
  private static final class Keycloak implements ReactiveOAuth2AuthorizedClientProvider {
    final AtomicInteger grants = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    final List<Sinks.One<OAuth2AuthorizedClient>> answers = new ArrayList<>();

    @Override
    public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizationContext context) {
      if (context.getAuthorizedClient().getRefreshToken() == null) {
        return Mono.empty();
      }
      grants.incrementAndGet();
      Sinks.One<OAuth2AuthorizedClient> answer = Sinks.one();
      answers.add(answer);
      return answer.asMono().doOnCancel(cancelled::incrementAndGet);
    }

    Sinks.One<OAuth2AuthorizedClient> last() {
      return answers.getLast();
    }
  }

  private final Keycloak keycloak = new Keycloak();
  private final OneRefreshAtATime refresh = new OneRefreshAtATime(keycloak);

  private static OAuth2AuthorizedClient client(String accessToken, String refreshToken) {
    Instant now = Instant.now();
    return new OAuth2AuthorizedClient(
        KEYCLOAK,
        "alice",
        new OAuth2AccessToken(
            OAuth2AccessToken.TokenType.BEARER, accessToken, now, now.plusSeconds(30)),
        refreshToken == null ? null : new OAuth2RefreshToken(refreshToken, now));
  }

  private static OAuth2AuthorizationContext context(OAuth2AuthorizedClient client) {
    return OAuth2AuthorizationContext.withAuthorizedClient(client)
        .principal(new TestingAuthenticationToken("alice", "n/a"))
        .build();
  }

  private List<Mono<OAuth2AuthorizedClient>> asked(int times, String refreshToken) {
    List<Mono<OAuth2AuthorizedClient>> waiting = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      waiting.add(refresh.authorize(context(client("old", refreshToken))).cache());
    }
    waiting.forEach(Mono::subscribe);
    return waiting;
  }

  @Test
  void requestsThatNeedTheRefreshAtOnceWaitForOneGrantAndAllGetItsToken() {
    List<Mono<OAuth2AuthorizedClient>> waiting = asked(8, "rt-alice");
    assertThat(keycloak.grants).hasValue(1);
    assertThat(refresh.inFlight()).isEqualTo(1);

    keycloak.last().tryEmitValue(client("new", "rt-alice-2"));

    for (Mono<OAuth2AuthorizedClient> answer : waiting) {
      assertThat(answer.block(Duration.ofSeconds(5)).getAccessToken().getTokenValue())
          .isEqualTo("new");
    }
    assertThat(refresh.inFlight()).isZero();
  }

  @Test
  void aNeedAfterTheRefreshEndedAsksAgain() {
    asked(2, "rt-alice");
    keycloak.last().tryEmitValue(client("new", "rt-alice"));
    asked(1, "rt-alice");
    assertThat(keycloak.grants).hasValue(2);
  }

  @Test
  void twoSessionsRefreshApart() {
    asked(3, "rt-alice");
    asked(3, "rt-bob");
    assertThat(keycloak.grants).hasValue(2);
    assertThat(refresh.inFlight()).isEqualTo(2);
  }

  @Test
  void keycloaksRefusalIsEveryWaitingRequestsAndTheNextNeedAsksAgain() {
    List<Mono<OAuth2AuthorizedClient>> waiting = asked(4, "rt-alice");
    keycloak
        .last()
        .tryEmitError(
            new ClientAuthorizationException(new OAuth2Error("invalid_grant"), "keycloak"));
    for (Mono<OAuth2AuthorizedClient> answer : waiting) {
      assertThatThrownBy(() -> answer.block(Duration.ofSeconds(5)))
          .isInstanceOf(ClientAuthorizationException.class);
    }
    assertThat(refresh.inFlight()).isZero();
    asked(1, "rt-alice");
    assertThat(keycloak.grants).hasValue(2);
  }

  @Test
  void noRefreshNeededIsNoneForEveryone() {
    List<Mono<OAuth2AuthorizedClient>> waiting = asked(3, "rt-alice");
    keycloak.last().tryEmitEmpty();
    for (Mono<OAuth2AuthorizedClient> answer : waiting) {
      assertThat(answer.blockOptional(Duration.ofSeconds(5))).isEmpty();
    }
    assertThat(refresh.inFlight()).isZero();
  }

  @Test
  void aRequestThatGoesAwayDoesNotCancelTheRefreshTheOthersWaitFor() {
    Disposable first = refresh.authorize(context(client("old", "rt-alice"))).subscribe();
    Mono<OAuth2AuthorizedClient> second =
        refresh.authorize(context(client("old", "rt-alice"))).cache();
    second.subscribe();
    first.dispose();

    keycloak.last().tryEmitValue(client("new", "rt-alice"));

    assertThat(keycloak.cancelled).hasValue(0);
    assertThat(second.block(Duration.ofSeconds(5)).getAccessToken().getTokenValue())
        .isEqualTo("new");
  }

  @Test
  void withoutARefreshTokenItDeclinesWithoutWaiting() {
    assertThat(refresh.authorize(context(client("old", null))).blockOptional()).isEmpty();
    assertThat(keycloak.grants).hasValue(0);
    assertThat(refresh.inFlight()).isZero();
  }
}
