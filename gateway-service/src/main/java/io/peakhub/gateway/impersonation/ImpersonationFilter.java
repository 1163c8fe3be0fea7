package io.peakhub.gateway.impersonation;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs before Spring Security on every request: drops any impersonation header the browser sends
 * (who impersonates whom comes only from Keycloak-signed tokens), ends an impersonation past its
 * time (restoring the admin, so this very request already runs as the admin), and, at most every
 * {@code revocation-check-interval}, asks identity-service whether another admin ended it.
 */
@Component
@Order(
    -102) // before the read relay (-101) and Spring Security (-100): both load the restored context
class ImpersonationFilter implements WebFilter {

  private static final String MARK = "impersonat";

  private final ImpersonationService impersonations;
  private final ImpersonationProperties properties;
  private final Clock clock;

  ImpersonationFilter(
      ImpersonationService impersonations,
      ImpersonationProperties properties,
      Optional<Clock> clock) {
    this.impersonations = impersonations;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerWebExchange clean = withoutImpersonationHeaders(exchange);
    return clean
        .getSession()
        .flatMap(
            session -> {
              ActiveImpersonation state = session.getAttribute(ActiveImpersonation.ATTRIBUTE);
              if (state == null) {
                return Mono.empty();
              }
              Instant now = clock.instant();
              if (!now.isBefore(state.expiresAt())) {
                return impersonations.end(clean, "expiry", true, true).then();
              }
              Instant checked = session.getAttribute(ActiveImpersonation.CHECKED_AT);
              if (checked != null
                  && now.isBefore(checked.plus(properties.revocationCheckInterval()))) {
                return Mono.empty();
              }
              session.getAttributes().put(ActiveImpersonation.CHECKED_AT, now);
              return impersonations
                  .stillActive(clean, state)
                  .flatMap(
                      active ->
                          active
                              ? Mono.empty()
                              : impersonations.end(clean, "ended_by_admin", false, true).then());
            })
        .then(chain.filter(clean));
  }

  /**
   * The filter chain names each filter by its {@code toString()} on every request (a Reactor
   * checkpoint): {@code Object}'s, with its identity hash in hex, was 1% of the gateway's CPU.
   */
  @Override
  public String toString() {
    return "ImpersonationFilter";
  }

  static ServerWebExchange withoutImpersonationHeaders(ServerWebExchange exchange) {
    if (!anyImpersonationHeader(exchange.getRequest().getHeaders())) {
      return exchange;
    }
    ServerHttpRequest request =
        exchange
            .getRequest()
            .mutate()
            .headers(
                h ->
                    h.headerNames().stream()
                        .filter(ImpersonationFilter::impersonationHeader)
                        .toList()
                        .forEach(h::remove))
            .build();
    return exchange.mutate().request(request).build();
  }

  /**
   * On every request, so over the names as the server holds them: {@code headerNames()} builds a
   * case-insensitive map of lower-case copies each time (with a stream and a lower-case copy per
   * name here, 2% of the gateway's CPU for a relayed read).
   */
  private static boolean anyImpersonationHeader(HttpHeaders headers) {
    for (String name : headers.asMultiValueMap().keySet()) {
      if (impersonationHeader(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the name contains "impersonat", in any case, without a lower-case copy of it. */
  private static boolean impersonationHeader(String name) {
    for (int i = 0; i + MARK.length() <= name.length(); i++) {
      if (name.regionMatches(true, i, MARK, 0, MARK.length())) {
        return true;
      }
    }
    return false;
  }
}
