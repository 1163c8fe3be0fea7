package io.peakhub.gateway.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ConcurrencyLimitFilterTest {

  private static MockServerWebExchange get(String path) {
    return MockServerWebExchange.from(MockServerHttpRequest.get(path));
  }

  /** A chain that stays in flight until its sink completes. */
  private static WebFilterChain pending(Sinks.Empty<Void> done) {
    return exchange -> done.asMono();
  }

  private static final WebFilterChain ANSWERED =
      exchange -> {
        exchange.getResponse().setStatusCode(HttpStatus.OK);
        return Mono.empty();
      };

  @Test
  void aRequestOverTheLimitIsA503OverloadedProblemAtOnceAndThePlaceComesBack() {
    var filter = new ConcurrencyLimitFilter(1);
    var registry = new SimpleMeterRegistry();
    filter.bindTo(registry);
    Sinks.Empty<Void> first = Sinks.empty();
    Disposable inFlight = filter.filter(get("/api/me"), pending(first)).subscribe();
    assertThat(filter.inFlight()).isEqualTo(1);
    assertThat(registry.get("gateway.requests.in.flight").gauge().value()).isEqualTo(1.0);

    var refused = get("/api/accounts/1/header");
    filter.filter(refused, ANSWERED).block(Duration.ofSeconds(5));
    assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(refused.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
    assertThat(refused.getResponse().getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
        .contains("\"type\":\"https://peakhub.io/problems/overloaded\"")
        .contains("1 at a time");
    assertThat(filter.inFlight()).isEqualTo(1);

    first.tryEmitEmpty();
    assertThat(inFlight.isDisposed()).isTrue();
    assertThat(filter.inFlight()).isZero();
    assertThat(registry.get("gateway.requests.in.flight").gauge().value()).isZero();
    var after = get("/api/accounts/1/header");
    filter.filter(after, ANSWERED).block(Duration.ofSeconds(5));
    assertThat(after.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aRequestTheBrowserGaveUpOnGivesItsPlaceBack() {
    var filter = new ConcurrencyLimitFilter(1);
    Disposable cancelled = filter.filter(get("/api/me"), pending(Sinks.empty())).subscribe();
    assertThat(filter.inFlight()).isEqualTo(1);
    cancelled.dispose();
    assertThat(filter.inFlight()).isZero();
  }

  @Test
  void aFailedRequestGivesItsPlaceBack() {
    var filter = new ConcurrencyLimitFilter(1);
    assertThatThrownBy(
            () ->
                filter
                    .filter(
                        get("/api/me"), exchange -> Mono.error(new IllegalStateException("boom")))
                    .block(Duration.ofSeconds(5)))
        .hasMessage("boom");
    assertThat(filter.inFlight()).isZero();
  }

  @Test
  void liveBalanceStreamsAndHealthProbesAreNeitherCountedNorRefused() {
    var filter = new ConcurrencyLimitFilter(1);
    filter.filter(get("/api/me"), pending(Sinks.empty())).subscribe();

    var stream =
        MockServerWebExchange.from(
            MockServerHttpRequest.get("/api/accounts/1/header/events")
                .accept(MediaType.TEXT_EVENT_STREAM));
    filter.filter(stream, ANSWERED).block(Duration.ofSeconds(5));
    assertThat(stream.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);

    var probe = get("/actuator/health/readiness");
    filter.filter(probe, ANSWERED).block(Duration.ofSeconds(5));
    assertThat(probe.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(filter.inFlight()).isEqualTo(1);
  }

  @Test
  void aLimitBelowOneIsAConfigurationError() {
    assertThatThrownBy(() -> new ConcurrencyLimitFilter(0))
        .hasMessageContaining("peakhub.http.max-concurrent-requests");
  }
}
