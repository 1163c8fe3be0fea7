package io.peakhub.gateway.security;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import reactor.core.publisher.Mono;

/**
 * Spring Security's refresh of a session's access token, one at a time per refresh token: the
 * requests that find the token about to expire together (the web app's parallel calls, a burst on
 * one session) wait for one refresh grant to Keycloak instead of each sending its own. Each then
 * saves the same refreshed client in the session, as before.
 *
 * <p>Before, one session's header read at 1,500 requests/s on 16 connections stalled 290 ms at the
 * refresh (16 grants at once), and a {@code ./hub bench} run on 64 connections had a p99 of 1.9 s.
 *
 * <p>The refresh runs to its end even when the request that started it goes away: the others wait
 * for it. Its answer, a refreshed client, none (the token is still good) or the error, is each
 * waiting request's.
 */
final class OneRefreshAtATime implements ReactiveOAuth2AuthorizedClientProvider {

  private final ReactiveOAuth2AuthorizedClientProvider refresh;
  private final Map<String, CompletableFuture<OAuth2AuthorizedClient>> inFlight =
      new ConcurrentHashMap<>();

  OneRefreshAtATime(ReactiveOAuth2AuthorizedClientProvider refresh) {
    this.refresh = refresh;
  }

  @Override
  public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizationContext context) {
    OAuth2AuthorizedClient client = context.getAuthorizedClient();
    if (client == null || client.getRefreshToken() == null) {
      return refresh.authorize(context); // nothing to refresh with: it declines at once
    }
    String key = client.getRefreshToken().getTokenValue();
    return Mono.defer(
        () -> {
          CompletableFuture<OAuth2AuthorizedClient> mine = new CompletableFuture<>();
          CompletableFuture<OAuth2AuthorizedClient> running = inFlight.putIfAbsent(key, mine);
          if (running != null) {
            return Mono.fromFuture(running, true);
          }
          mine.whenComplete((refreshed, error) -> inFlight.remove(key, mine));
          refresh
              .authorize(context)
              .subscribe(mine::complete, mine::completeExceptionally, () -> mine.complete(null));
          // a waiting request that goes away does not cancel the refresh the others wait for
          return Mono.fromFuture(mine, true);
        });
  }

  /** Refreshes under way (for tests). */
  int inFlight() {
    return inFlight.size();
  }
}
