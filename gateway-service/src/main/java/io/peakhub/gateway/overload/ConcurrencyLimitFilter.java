package io.peakhub.gateway.overload;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.peakhub.gateway.problem.Problems;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Sheds load before anything else runs: at most {@code peakhub.http.max-concurrent-requests}
 * requests are in flight through the gateway; one more is answered 503 {@code overloaded} with
 * {@code Retry-After: 1} at once (the services behind it do the same, after a short wait, from
 * platform). Without it, an arrival rate above what the machine sustains queued requests in the
 * gateway until they timed out after seconds (./hub bench: a median of 2 s and 1,413 failed). A
 * server-sent events stream (the header's live balance) is open for as long as the page is, so it
 * is not counted; nor is the actuator. The count is the gauge {@code gateway.requests.in.flight}
 * (the gateway keeps no {@code http.server.requests.active} long-task timer: see its
 * application.yml).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConcurrencyLimitFilter implements WebFilter, MeterBinder {

  private static final Logger log = LoggerFactory.getLogger(ConcurrencyLimitFilter.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final int limit;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong refusedSinceLog = new AtomicLong();
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  public ConcurrencyLimitFilter(@Value("${peakhub.http.max-concurrent-requests:400}") int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("peakhub.http.max-concurrent-requests must be at least 1");
    }
    this.limit = limit;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (notCounted(exchange)) {
      return chain.filter(exchange);
    }
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      refused();
      exchange.getResponse().getHeaders().set("Retry-After", "1");
      return Problems.write(
          exchange,
          HttpStatus.SERVICE_UNAVAILABLE,
          "overloaded",
          "The hub is answering as many requests as it can ("
              + limit
              + " at a time). Try again in a second.");
    }
    return chain.filter(exchange).doFinally(signal -> inFlight.decrementAndGet());
  }

  /**
   * The filter chain names each filter by its {@code toString()} on every request (a Reactor
   * checkpoint): {@code Object}'s, with its identity hash in hex, was 1% of the gateway's CPU.
   */
  @Override
  public String toString() {
    return "ConcurrencyLimitFilter";
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("gateway.requests.in.flight", inFlight, AtomicInteger::get)
        .description("Requests the gateway is working on (the ones its concurrency limit counts)")
        .register(registry);
  }

  /** Requests being worked on now. */
  public int inFlight() {
    return inFlight.get();
  }

  private static boolean notCounted(ServerWebExchange exchange) {
    return exchange.getRequest().getPath().value().startsWith("/actuator/")
        || exchange.getRequest().getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM);
  }

  /** One log line a second at most while refusing: a line per refusal would add to the overload. */
  private void refused() {
    refusedSinceLog.incrementAndGet();
    long last = lastLog.get();
    long now = System.nanoTime();
    if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
      log.warn(
          "overloaded: refused {} requests with 503 in the last {} ms ({} at a time at most)",
          refusedSinceLog.getAndSet(0),
          TimeUnit.NANOSECONDS.toMillis(now - last),
          limit);
    }
  }
}
