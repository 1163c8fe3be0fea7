package io.peakhub.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bench's open-loop generator against a real HTTP server of this JVM. */
class FixedRateTest {

  HttpServer server;
  final AtomicInteger served = new AtomicInteger();
  volatile int stallOnRequest = -1;
  volatile String seenCookie;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 100);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/header",
        exchange -> {
          int n = served.incrementAndGet();
          seenCookie = exchange.getRequestHeaders().getFirst("Cookie");
          if (n == stallOnRequest) {
            try {
              Thread.sleep(500);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body = "{\"balance\":\"1.00\"}".getBytes(StandardCharsets.UTF_8);
          // every other answer chunked (length 0 means chunked in this server)
          exchange.sendResponseHeaders(200, n % 2 == 0 ? 0 : body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri() {
    return URI.create("http://localhost:" + server.getAddress().getPort() + "/header");
  }

  @Test
  void sendsTheScheduleOnKeptAliveConnectionsAndCountsOnlyTheMeasuredPart() throws Exception {
    FixedRate.Result r =
        new FixedRate(uri(), List.of("Cookie: SESSION=s; XSRF-TOKEN=x")).run(200, 4, 1, 1);
    assertThat(r.failed()).isZero();
    // 1 s counted at 200 req/s, the uncounted second before it served too
    assertThat(r.latencyNs().length).isEqualTo(200);
    assertThat(served.get()).isEqualTo(400);
    assertThat(seenCookie).isEqualTo("SESSION=s; XSRF-TOKEN=x");
    assertThat(r.percentileMs(50)).isLessThan(100);
  }

  @Test
  void aStallDelaysTheRequestsQueuedBehindItAndTheyCountTheWait() throws Exception {
    // one connection at 100 req/s: a 500 ms stall holds back the ~50 requests due during it
    stallOnRequest = 30;
    FixedRate.Result r = new FixedRate(uri(), List.of()).run(100, 1, 0, 2);
    assertThat(r.failed()).isZero();
    long slow = Arrays.stream(r.latencyNs()).filter(ns -> ns > 100_000_000L).count();
    // a closed-loop generator would report one slow request; the schedule reports those it delayed
    assertThat(slow).isGreaterThan(20);
    assertThat(r.percentileMs(99)).isGreaterThan(300);
  }

  @Test
  void aRefusedConnectionCountsEveryScheduledRequestAsFailed() throws Exception {
    server.stop(0);
    FixedRate.Result r = new FixedRate(uri(), List.of()).run(50, 2, 0, 1);
    assertThat(r.latencyNs().length).isEqualTo(50);
    assertThat(r.failed()).isEqualTo(50);
  }

  @Test
  void readsAnswersWithALengthOrChunksOneAfterAnotherOnOneConnection() throws Exception {
    String stream =
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello"
            + "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;ext=1\r\nwiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
    byte[] bytes = stream.getBytes(StandardCharsets.ISO_8859_1);
    // all at once, then a byte a read: lines, chunks and bodies split across reads
    for (InputStream in : List.of(new ByteArrayInputStream(bytes), new OneByteAtATime(bytes))) {
      FixedRate.Wire wire = new FixedRate.Wire(in);
      assertThat(wire.answer()).isEqualTo(new FixedRate.Answer(200, false));
      assertThat(wire.answer()).isEqualTo(new FixedRate.Answer(503, false));
      assertThat(wire.answer()).isEqualTo(new FixedRate.Answer(200, true));
      assertThat(wire.atEnd()).isTrue();
    }
  }

  @Test
  void anAnswerCutShortIsAnError() {
    byte[] cut =
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel".getBytes(StandardCharsets.ISO_8859_1);
    FixedRate.Wire wire = new FixedRate.Wire(new ByteArrayInputStream(cut));
    org.assertj.core.api.Assertions.assertThatIOException().isThrownBy(wire::answer);
  }

  /** A stream that hands out one byte a read, as a slow network might. */
  static final class OneByteAtATime extends InputStream {
    private final ByteArrayInputStream in;

    OneByteAtATime(byte[] bytes) {
      in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return len == 0 ? 0 : in.read(b, off, 1);
    }
  }
}
