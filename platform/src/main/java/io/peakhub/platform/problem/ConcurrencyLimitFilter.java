package io.peakhub.platform.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds load: at most {@code limit} requests are worked on at a time; one more waits up to {@code
 * wait} for a place, then is answered 503 {@code overloaded} with {@code Retry-After: 1}.
 *
 * <p>Every request runs on its own virtual thread, so nothing else bounds how many are in flight.
 * Without this, ./hub bench's fixed arrival rate above what the stack sustains filled portal-bff's
 * heap with waiting requests and their connections until it failed with OutOfMemoryError and
 * stopped answering. A streaming answer (server-sent events) holds its place only until it goes
 * asynchronous. The actuator (health probes) is never refused.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ConcurrencyLimitFilter.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final int limit;
  private final long waitNanos;
  private final Semaphore places;
  private final ProblemResponses problems;
  private final AtomicLong refusedSinceLog = new AtomicLong();
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  public ConcurrencyLimitFilter(int limit, Duration wait, ProblemResponses problems) {
    if (limit < 1) {
      throw new IllegalArgumentException("peakhub.http.max-concurrent-requests must be at least 1");
    }
    this.limit = limit;
    this.waitNanos = Math.max(0, wait.toNanos());
    this.places = new Semaphore(limit);
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getRequestURI().startsWith("/actuator/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!admitted()) {
      refused();
      response.setHeader("Retry-After", "1");
      problems.write(
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          "overloaded",
          "The service is answering as many requests as it can ("
              + limit
              + " at a time). Try again in a second.");
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      places.release();
    }
  }

  /** Requests being worked on now (for tests and metrics). */
  public int inFlight() {
    return limit - places.availablePermits();
  }

  private boolean admitted() {
    if (places.tryAcquire()) {
      return true;
    }
    try {
      return waitNanos > 0 && places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One log line a second at most while refusing: a line per refusal would add to the overload. */
  private void refused() {
    refusedSinceLog.incrementAndGet();
    long last = lastLog.get();
    long now = System.nanoTime();
    if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
      long refused = refusedSinceLog.getAndSet(0);
      log.warn(
          "overloaded: refused {} requests with 503 in the last {} ms ({} at a time at most)",
          refused,
          TimeUnit.NANOSECONDS.toMillis(now - last),
          limit);
    }
  }
}
