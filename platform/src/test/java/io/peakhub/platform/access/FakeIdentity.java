package io.peakhub.platform.access;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for identity-service's {@code GET /access/me}: it can answer at
 * once, answer late (slow), or be stopped (nothing listening on its port), and counts what it was
 * asked.
 */
final class FakeIdentity implements AutoCloseable {

  static final String EVERY_ACCOUNT =
      """
      {"allAccounts":true,"accountIds":[],"grants":{"my_account":{"level":"full","scope":"all"}}}""";

  private final AtomicInteger requests = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;
  private volatile CountDownLatch release = new CountDownLatch(1);
  private int port;
  private HttpServer server;

  FakeIdentity() {
    start();
  }

  synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/access/me",
        exchange -> {
          requests.incrementAndGet();
          try {
            // a slow identity-service: the answer comes after the delay, or when the test is over
            release.await(delay.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = EVERY_ACCOUNT.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    port = server.getAddress().getPort();
  }

  /** Nothing listens on the port any more: connections are refused. */
  synchronized void stop() {
    if (server != null) {
      release.countDown();
      server.stop(0);
      server = null;
      release = new CountDownLatch(1);
    }
  }

  void answerAfter(Duration delay) {
    this.delay = delay;
  }

  int requests() {
    return requests.get();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }
}
