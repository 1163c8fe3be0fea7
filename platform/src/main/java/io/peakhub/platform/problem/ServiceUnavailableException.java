package io.peakhub.platform.problem;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * A part this request needs is down or too slow: 503 with {@code Retry-After}, naming the part
 * (e.g. {@code identity-service}) in the problem's {@code service} property, so a client can say
 * what is unavailable and when to try again instead of showing a generic error.
 */
public class ServiceUnavailableException extends ProblemException {

  private final String service;
  private final Duration retryAfter;

  public ServiceUnavailableException(String service, String detail, Duration retryAfter) {
    super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", detail);
    this.service = service;
    this.retryAfter = retryAfter;
  }

  public String service() {
    return service;
  }

  /** Whole seconds, at least one: the unit of the Retry-After header. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
