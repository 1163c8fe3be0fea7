package io.peakhub.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.peakhub.platform.testapp.PlatformTestApplication;
import io.peakhub.platform.testing.TestJwts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every service sheds load over its concurrency limit (platform's auto-configuration), on a real
 * Tomcat: with two requests in flight, the third is a 503 problem at once, health still answers,
 * and the places come back. The requests in flight are a gauge.
 */
@SpringBootTest(
    classes = PlatformTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      PlatformTestApplication.WITHOUT_DATABASE,
      "peakhub.http.max-concurrent-requests=2",
      "peakhub.http.overload-wait=0ms"
    })
@Import({TestJwts.Decoder.class, OverloadTest.Slow.class})
class OverloadTest {

  static final CountDownLatch ENTERED = new CountDownLatch(2);
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @RestController
  static class Slow {
    @GetMapping("/slow")
    String slow() throws InterruptedException {
      ENTERED.countDown();
      RELEASE.await(20, TimeUnit.SECONDS);
      return "done";
    }

    @GetMapping("/fast")
    String fast() {
      return "fast";
    }
  }

  @LocalServerPort int port;
  @Autowired FilterRegistrationBean<ConcurrencyLimitFilter> limit;
  @Autowired MeterRegistry meters;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String bearer =
      "Bearer " + TestJwts.token(UUID.randomUUID().toString(), "alice", "customer");

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", bearer)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  @Test
  void overTheLimitIsA503ProblemAtOnceAndHealthStillAnswers() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        slow.add(http.sendAsync(request("/slow"), HttpResponse.BodyHandlers.ofString()));
      }
      assertThat(ENTERED.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(limit.getFilter().inFlight()).isEqualTo(2);
      assertThat(meters.get("service.requests.in.flight").gauge().value()).isEqualTo(2);
      assertThat(meters.find("http.server.requests.active").longTaskTimers())
          .as("no long-task timer a request")
          .isEmpty();

      long start = System.nanoTime();
      HttpResponse<String> refused =
          http.send(request("/fast"), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
      assertThat(refused.body()).contains("https://peakhub.io/problems/overloaded");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

      HttpResponse<String> health =
          http.send(request("/actuator/health/liveness"), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    } finally {
      RELEASE.countDown();
    }
    for (var f : slow) {
      HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("done");
    }
    // the answer can reach the client before the server's thread has left the filter
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (limit.getFilter().inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(limit.getFilter().inFlight()).isZero();
    HttpResponse<String> after = http.send(request("/fast"), HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("fast");
    // timed when the server's observation stops, which can be after the client has the answer
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(meters.find("http.server.requests").tag("uri", "/fast").timer())
                    .as("each request is still timed")
                    .isNotNull());
  }
}
