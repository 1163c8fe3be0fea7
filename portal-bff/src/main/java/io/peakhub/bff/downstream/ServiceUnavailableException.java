package io.peakhub.bff.downstream;

import io.peakhub.platform.problem.ProblemException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A service behind a screen is down, too slow or failing: a 503 naming it, with a Retry-After. */
public class ServiceUnavailableException extends ProblemException {

  private final String service;
  private final Duration retryAfter;

  public ServiceUnavailableException(String service, String why, Duration retryAfter) {
    super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
        service + " " + why + ". Try again in " + retryAfter.toSeconds() + " seconds.");
    this.service = service;
    this.retryAfter = retryAfter;
  }

  public String service() {
    return service;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
