package io.peakhub.platform.access;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks identity-service (the source of truth) which accounts the caller may see, with the caller's
 * own token, and keeps the answer briefly per user so a screen's several calls ask once.
 */
public class IdentityAccountAccess implements AccountAccess {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdentityAccountAccess.class);

  private record Cached(AccountScope scope, Instant until) {}

  /** A tolerant reader: identity-service may add fields (it already sends the profile's name). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record AccessAnswer(boolean allAccounts, Set<String> accountIds, Map<Area, Grant> grants) {}

  private final RestClient identity;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public IdentityAccountAccess(RestClient identity, Clock clock, Duration ttl) {
    this.identity = identity;
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public AccountScope currentUserScope() {
    CurrentUser user = CurrentUser.get();
    Instant now = clock.instant();
    Cached cached = cache.get(user.id());
    if (cached != null && cached.until().isAfter(now)) {
      return cached.scope();
    }
    AccountScope scope = fetch(user);
    if (cache.size() > 10_000) {
      cache.clear();
    }
    cache.put(user.id(), new Cached(scope, now.plus(ttl)));
    return scope;
  }

  /** identity-service announced that this user's access changed: the next request asks again. */
  public void forget(String userId) {
    cache.remove(userId);
  }

  public void forgetAll() {
    cache.clear();
  }

  private AccountScope fetch(CurrentUser user) {
    try {
      AccessAnswer answer = identity.get().uri("/access/me")
          .headers(h -> h.setBearerAuth(user.token()))
          .retrieve()
          .body(AccessAnswer.class);
      if (answer == null) {
        return AccountScope.none();
      }
      return new AccountScope(answer.allAccounts(), answer.accountIds() == null ? Set.of() : answer.accountIds(),
          answer.grants() == null ? Map.of() : answer.grants());
    } catch (RestClientException e) {
      log.warn("access check failed, answering 503: {}", e.toString());
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
          "Access rights cannot be checked right now (identity-service unreachable). Try again shortly.");
    }
  }
}
