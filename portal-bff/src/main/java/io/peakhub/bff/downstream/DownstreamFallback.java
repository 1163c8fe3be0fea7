package io.peakhub.bff.downstream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.problem.ServiceUnavailableException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.openfeign.FallbackFactory;

/**
 * What a downstream call ends in when it did not succeed: the service's own 4xx problem passes on
 * unchanged (not found, invalid input, declined card); anything else (refused connection, time
 * limit, open circuit, 5xx) becomes a 503 naming the service. The "fallback" throws; it never makes
 * up data.
 */
abstract class DownstreamFallback<T> implements FallbackFactory<T> {

  private static final Logger log = LoggerFactory.getLogger(DownstreamFallback.class);

  private final Class<T> client;
  private final String service;
  private final DownstreamSettings settings;

  DownstreamFallback(Class<T> client, String service, DownstreamSettings settings) {
    this.client = client;
    this.service = service;
    this.settings = settings;
  }

  @Override
  public T create(Throwable cause) {
    RuntimeException outcome = translate(cause);
    return client.cast(
        Proxy.newProxyInstance(
            client.getClassLoader(),
            new Class<?>[] {client},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? service + " fallback" : null;
              }
              throw outcome;
            }));
  }

  RuntimeException translate(Throwable cause) {
    if (cause instanceof ServiceUnavailableException unavailable) {
      return unavailable;
    }
    if (cause instanceof ProblemException problem) {
      return problem;
    }
    String why;
    if (cause instanceof TimeoutException) {
      why = "did not answer within " + settings.timeout().toMillis() + " ms";
    } else if (cause instanceof CallNotPermittedException) {
      why = "is failing, so calls to it are paused";
    } else {
      why = "cannot be reached";
    }
    log.warn("{} unavailable: {}", service, cause.toString());
    Duration retryAfter =
        cause instanceof CallNotPermittedException ? settings.openFor() : settings.retryAfter();
    return unavailable(service, why, retryAfter);
  }

  /** A 503 naming the service, e.g. "billing-service cannot be reached. Try again in 5 seconds." */
  static ServiceUnavailableException unavailable(String service, String why, Duration retryAfter) {
    return new ServiceUnavailableException(
        service,
        service + " " + why + ". Try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds.",
        retryAfter);
  }
}
