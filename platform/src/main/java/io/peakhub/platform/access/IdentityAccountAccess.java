package io.peakhub.platform.access;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.peakhub.platform.concurrent.Futures;
import io.peakhub.platform.problem.ServiceUnavailableException;
import io.peakhub.platform.security.CurrentUser;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks identity-service (the source of truth) which accounts the caller may see, with the caller's
 * own token, and keeps the answer briefly per user so a screen's several calls ask once.
 *
 * <p>When identity-service is down or slow nobody may pass (deny by default), and the caller gets a
 * 503 naming identity-service with a Retry-After, within the connect or read timeout. After
 * repeated failures a circuit breaker answers that 503 at once for a while, so requests do not pile
 * up waiting on timeouts and a recovering identity-service is not flooded.
 */
public class IdentityAccountAccess implements AccountAccess {

  public static final String SERVICE = "identity-service";

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(IdentityAccountAccess.class);

  private record Cached(AccountScope scope, Instant until) {}

  /** A tolerant reader: identity-service may add fields (it already sends the profile's name). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record AccessAnswer(boolean allAccounts, Set<String> accountIds, Map<Area, Grant> grants) {}

  private final RestClient identity;
  private final Clock clock;
  private final Duration ttl;
  private final CircuitBreaker breaker;
  private final Duration retryAfter;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<AccountScope>> inFlight = new ConcurrentHashMap<>();

  public IdentityAccountAccess(RestClient identity, Clock clock, AccessProperties settings) {
    this.identity = identity;
    this.clock = clock;
    this.ttl = settings.cacheTtl();
    this.breaker = circuitBreaker(settings.circuitBreaker());
    this.retryAfter = settings.circuitBreaker().openFor();
  }

  public IdentityAccountAccess(RestClient identity, Clock clock, Duration ttl) {
    this(identity, clock, withTtl(AccessProperties.defaults(), ttl));
  }

  /**
   * A client of identity-service at {@code baseUrl} that gives up after the configured timeouts.
   */
  public static RestClient client(
      RestClient.Builder builder, String baseUrl, AccessProperties settings) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(settings.readTimeout());
    return builder.clone().baseUrl(baseUrl).requestFactory(requests).build();
  }

  @Override
  public AccountScope currentUserScope() {
    CurrentUser user = CurrentUser.get();
    Instant now = clock.instant();
    Cached cached = cache.get(user.id());
    if (cached != null && cached.until().isAfter(now)) {
      return cached.scope();
    }
    // one question to identity-service per user at a time: when the answer expires, the user's
    // requests in flight (16 of an executive's, each answer 5,000 account ids) wait for one fetch
    CompletableFuture<AccountScope> mine = new CompletableFuture<>();
    CompletableFuture<AccountScope> running = inFlight.putIfAbsent(user.id(), mine);
    if (running != null) {
      return Futures.joined(running);
    }
    try {
      AccountScope scope = fetch(user);
      if (cache.size() > 10_000) {
        cache.clear();
      }
      cache.put(user.id(), new Cached(scope, now.plus(ttl)));
      mine.complete(scope);
      return scope;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(user.id(), mine);
    }
  }

  /** identity-service announced that this user's access changed: the next request asks again. */
  public void forget(String userId) {
    cache.remove(userId);
  }

  public void forgetAll() {
    cache.clear();
  }

  CircuitBreaker circuitBreaker() {
    return breaker;
  }

  private AccountScope fetch(CurrentUser user) {
    AccessAnswer answer;
    try {
      answer =
          breaker.executeSupplier(
              () ->
                  identity
                      .get()
                      .uri("/access/me")
                      .headers(h -> h.setBearerAuth(user.token()))
                      .retrieve()
                      .body(AccessAnswer.class));
    } catch (CallNotPermittedException e) {
      throw unavailable();
    } catch (RestClientException e) {
      log.warn("access check failed, answering 503: {}", e.toString());
      throw unavailable();
    }
    if (answer == null) {
      return AccountScope.none();
    }
    return new AccountScope(
        answer.allAccounts(),
        answer.accountIds() == null ? Set.of() : answer.accountIds(),
        answer.grants() == null ? Map.of() : answer.grants());
  }

  private ServiceUnavailableException unavailable() {
    return new ServiceUnavailableException(
        SERVICE,
        "Access rights cannot be checked right now: "
            + SERVICE
            + " is unavailable. Try again in "
            + retryAfter.toSeconds()
            + " seconds.",
        retryAfter);
  }

  private static CircuitBreaker circuitBreaker(AccessProperties.CircuitBreaker settings) {
    CircuitBreaker breaker =
        CircuitBreaker.of(
            SERVICE,
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                // identity answering 4xx is up: that is about the request, not about its health
                .recordException(e -> !(e instanceof HttpClientErrorException))
                .build());
    breaker
        .getEventPublisher()
        .onStateTransition(
            e -> log.warn("{} circuit breaker: {}", SERVICE, e.getStateTransition()));
    return breaker;
  }

  private static AccessProperties withTtl(AccessProperties settings, Duration ttl) {
    return new AccessProperties(
        ttl, settings.connectTimeout(), settings.readTimeout(), settings.circuitBreaker());
  }
}
