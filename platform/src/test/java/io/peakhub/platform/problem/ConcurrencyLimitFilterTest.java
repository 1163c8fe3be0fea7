package io.peakhub.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ConcurrencyLimitFilterTest {

  private static MockHttpServletRequest get(String uri) {
    return new MockHttpServletRequest("GET", uri);
  }

  /** A chain that holds its place until released. */
  private static FilterChain holding(CountDownLatch entered, CountDownLatch release) {
    return (req, res) -> {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Starts a request that holds its place until {@code release}, on its own thread. */
  private static Thread holdPlace(
      ConcurrencyLimitFilter filter,
      MockHttpServletRequest request,
      MockHttpServletResponse response,
      CountDownLatch entered,
      CountDownLatch release) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try {
                filter.doFilter(request, response, holding(entered, release));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  @Test
  void aRequestOverTheLimitIsRefusedWith503OverloadedAndTheLimitIsGivenBack() throws Exception {
    var filter = new ConcurrencyLimitFilter(1, Duration.ZERO, new ProblemResponses());
    var entered = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var first = new MockHttpServletResponse();
    Thread holder = holdPlace(filter, get("/accounts/1"), first, entered, release);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(filter.inFlight()).isEqualTo(1);

    var refused = new MockHttpServletResponse();
    filter.doFilter(
        get("/accounts/2"),
        refused,
        (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(200));
    assertThat(refused.getStatus()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(refused.getContentType()).isEqualTo("application/problem+json");
    assertThat(refused.getContentAsString())
        .contains("\"type\":\"https://peakhub.io/problems/overloaded\"")
        .contains("1 at a time");

    release.countDown();
    holder.join(5_000);
    assertThat(filter.inFlight()).isZero();
    var after = new MockHttpServletResponse();
    filter.doFilter(
        get("/accounts/3"),
        after,
        (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(200));
    assertThat(after.getStatus()).isEqualTo(200);
  }

  @Test
  void aRequestWaitsForAPlaceWithinTheWaitAndIsThenServed() throws Exception {
    var filter = new ConcurrencyLimitFilter(1, Duration.ofSeconds(10), new ProblemResponses());
    var entered = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    Thread holder = holdPlace(filter, get("/a"), new MockHttpServletResponse(), entered, release);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    var second = new MockHttpServletResponse();
    var served = new AtomicReference<Boolean>(false);
    Thread waiter =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    filter.doFilter(get("/b"), second, (req, res) -> served.set(true));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
    // it is waiting for the place, not refused
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(waiter.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    assertThat(served.get()).isFalse();

    release.countDown();
    waiter.join(5_000);
    holder.join(5_000);
    assertThat(served.get()).isTrue();
    assertThat(second.getStatus()).isEqualTo(200);
    assertThat(filter.inFlight()).isZero();
  }

  @Test
  void aFailingRequestGivesItsPlaceBack() throws Exception {
    var filter = new ConcurrencyLimitFilter(1, Duration.ZERO, new ProblemResponses());
    assertThatThrownBy(
            () ->
                filter.doFilter(
                    get("/boom"),
                    new MockHttpServletResponse(),
                    (req, res) -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(filter.inFlight()).isZero();
  }

  @Test
  void healthProbesAreNeverRefused() throws Exception {
    var filter = new ConcurrencyLimitFilter(1, Duration.ZERO, new ProblemResponses());
    var entered = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    Thread holder = holdPlace(filter, get("/a"), new MockHttpServletResponse(), entered, release);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    var probe = new MockHttpServletResponse();
    var answered = new AtomicReference<Boolean>(false);
    filter.doFilter(get("/actuator/health/liveness"), probe, (req, res) -> answered.set(true));
    assertThat(answered.get()).isTrue();
    assertThat(probe.getStatus()).isEqualTo(200);
    release.countDown();
    holder.join(5_000);
  }

  @Test
  void aLimitBelowOneIsAConfigurationError() {
    assertThatThrownBy(() -> new ConcurrencyLimitFilter(0, Duration.ZERO, new ProblemResponses()))
        .hasMessageContaining("peakhub.http.max-concurrent-requests");
  }
}
