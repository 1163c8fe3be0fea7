package io.peakhub.platform.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the access check talks to identity-service ({@code peakhub.access.*}). Every request of every
 * service waits on this call when its cached answer is missing, so it must fail fast: short
 * timeouts, and a circuit breaker that stops asking a failing identity-service for a while.
 *
 * @param cacheTtl how long one user's answer is reused
 * @param connectTimeout to open a connection to identity-service
 * @param readTimeout from sending the request to the answer's headers
 * @param circuitBreaker when to stop asking, and for how long
 */
@ConfigurationProperties("peakhub.access")
public record AccessProperties(
    @DefaultValue("PT15S") Duration cacheTtl,
    @DefaultValue("PT1S") Duration connectTimeout,
    @DefaultValue("PT2S") Duration readTimeout,
    @DefaultValue CircuitBreaker circuitBreaker) {

  /**
   * @param failureRatePercent the share of failed calls among the last {@code window} that opens
   *     the breaker
   * @param window how many recent calls are counted
   * @param minimumCalls calls needed before the rate counts at all
   * @param openFor how long an open breaker answers 503 without asking; also the Retry-After given
   *     to clients
   */
  public record CircuitBreaker(
      @DefaultValue("50") float failureRatePercent,
      @DefaultValue("10") int window,
      @DefaultValue("5") int minimumCalls,
      @DefaultValue("PT10S") Duration openFor) {}

  public static AccessProperties defaults() {
    return new AccessProperties(
        Duration.ofSeconds(15),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        new CircuitBreaker(50, 10, 5, Duration.ofSeconds(10)));
  }
}
