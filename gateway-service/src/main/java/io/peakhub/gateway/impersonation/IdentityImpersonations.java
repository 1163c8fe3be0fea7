package io.peakhub.gateway.impersonation;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * identity-service's impersonation API: the portal's rule on the target, and the audit trail's
 * start and end.
 */
@Component
class IdentityImpersonations {

  private static final Logger log = LoggerFactory.getLogger(IdentityImpersonations.class);

  record Started(UUID id, Instant startedAt, Instant expiresAt) {}

  record State(boolean active) {}

  /** Every call to identity-service has this time limit: a hang never holds an admin's request. */
  static final java.time.Duration TIME_LIMIT = java.time.Duration.ofSeconds(3);

  private final WebClient http;

  IdentityImpersonations(
      ObjectProvider<WebClient.Builder> builder, ImpersonationProperties properties) {
    this.http =
        builder
            .getIfAvailable(WebClient::builder)
            .clone()
            .baseUrl(properties.identityServiceUrl())
            .build();
  }

  /**
   * Completes when the admin may impersonate this user; otherwise errors with identity's own
   * problem.
   */
  Mono<Void> check(String adminToken, String userId) {
    return http.get()
        .uri("/admin/impersonations/check/{id}", userId)
        .headers(h -> h.setBearerAuth(adminToken))
        .exchangeToMono(r -> r.statusCode().is2xxSuccessful() ? r.releaseBody() : refused(r))
        .timeout(TIME_LIMIT)
        .onErrorMap(e -> !(e instanceof ImpersonationRefused), IdentityImpersonations::unavailable);
  }

  Mono<Started> start(String adminToken, String userId, String reason, String sourceAddress) {
    return http.post()
        .uri("/admin/impersonations")
        .headers(h -> h.setBearerAuth(adminToken))
        .bodyValue(
            Map.of(
                "userId",
                userId,
                "reason",
                reason,
                "sourceAddress",
                sourceAddress == null ? "" : sourceAddress))
        .exchangeToMono(
            r -> r.statusCode().is2xxSuccessful() ? r.bodyToMono(Started.class) : refused(r))
        .timeout(TIME_LIMIT)
        .onErrorMap(e -> !(e instanceof ImpersonationRefused), IdentityImpersonations::unavailable);
  }

  /**
   * Reports the end; a failure is logged, never stops the exit (the admin's session comes back
   * regardless).
   */
  Mono<Void> end(String adminToken, UUID id, String how) {
    return http.post()
        .uri("/admin/impersonations/{id}/end", id)
        .headers(h -> h.setBearerAuth(adminToken))
        .bodyValue(Map.of("how", how))
        .retrieve()
        .toBodilessEntity()
        .then()
        .timeout(TIME_LIMIT)
        .onErrorResume(
            e -> {
              log.warn(
                  "impersonation {} ended ({}) but identity-service was not told: {}",
                  id,
                  how,
                  e.getMessage());
              return Mono.empty();
            });
  }

  /**
   * Whether identity still holds it active; empty when that cannot be told now (asked again later).
   */
  Mono<Boolean> active(String sessionToken, UUID id) {
    return http.get()
        .uri("/impersonations/{id}", id)
        .headers(h -> h.setBearerAuth(sessionToken))
        .exchangeToMono(
            r ->
                r.statusCode().value() == 404
                    ? r.releaseBody().thenReturn(false)
                    : r.statusCode().is2xxSuccessful()
                        ? r.bodyToMono(State.class).map(State::active)
                        : r.releaseBody().then(Mono.<Boolean>empty()))
        .timeout(TIME_LIMIT)
        .onErrorResume(
            e -> {
              log.warn(
                  "could not ask identity-service about impersonation {}: {}", id, e.getMessage());
              return Mono.empty();
            });
  }

  /**
   * identity-service down or too slow (beyond TIME_LIMIT): the admin is told so, nothing is
   * swapped.
   */
  private static ImpersonationRefused unavailable(Throwable cause) {
    log.warn("identity-service unavailable for an impersonation: {}", cause.toString());
    return new ImpersonationRefused(
        HttpStatus.SERVICE_UNAVAILABLE,
        "service-unavailable",
        "identity-service cannot check this impersonation now. Try again shortly.");
  }

  private static <T> Mono<T> refused(ClientResponse response) {
    HttpStatus status = HttpStatus.resolve(response.statusCode().value());
    if (status == null || status.is5xxServerError()) {
      return response
          .releaseBody()
          .then(
              Mono.error(
                  new ImpersonationRefused(
                      HttpStatus.SERVICE_UNAVAILABLE,
                      "service-unavailable",
                      "identity-service cannot check this impersonation now. Try again shortly.")));
    }
    return response
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .flatMap(body -> Mono.error(new ImpersonationRefused(response.statusCode(), body)));
  }
}
