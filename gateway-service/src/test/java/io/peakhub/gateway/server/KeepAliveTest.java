package io.peakhub.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.gateway.BrowserSecurityTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * A browser's next request on a kept-alive connection, sent the moment the last response's bytes
 * arrived, while the gateway is still finishing that exchange (its response written, its handler
 * not yet complete: a CSRF token generated on another thread, an observation being stopped).
 * Reactor Netty holds such a request until the exchange ends. In 1.3.6, when the held request was
 * then answered at once, it stopped reading the connection: the browser's following request there
 * waited forever (reactor-netty#4361; the browser tests' pages stuck on "Loading…"). 1.3.8 reads
 * on; the root pom pins it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({BrowserSecurityTest.OfflineKeycloak.class, KeepAliveTest.SlowToFinish.class})
class KeepAliveTest {

  /** Answers /test/slow-to-finish at once but completes 300 ms later; /test/quick at once. */
  @TestConfiguration
  static class SlowToFinish {
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    WebFilter slowToFinish() {
      return (exchange, chain) -> {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/test/")) {
          return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        byte[] body = path.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().setContentLength(body.length);
        Mono<Void> written =
            response.writeAndFlushWith(Mono.just(Mono.just(response.bufferFactory().wrap(body))));
        return path.equals("/test/slow-to-finish")
            ? written.then(Mono.delay(Duration.ofMillis(300))).then()
            : written;
      };
    }
  }

  @LocalServerPort int port;

  @Test
  void aRequestSentWhileThePreviousExchangeIsFinishingIsAnsweredAndSoIsTheNext() throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (String path : new String[] {"/test/slow-to-finish", "/test/quick", "/test/quick"}) {
        out.write(
            ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(answer(in, path)).as("the answer to %s", path).isEqualTo(path);
      }
    }
  }

  private static String answer(InputStream in, String path) throws IOException {
    try {
      return readResponse(in);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer to " + path + " on the kept-alive connection in 5 s", e);
    }
  }

  /** One response's body, read by its Content-Length. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the gateway closed the connection");
      }
      head.write(b);
    }
    Matcher length =
        Pattern.compile("(?im)^" + HttpHeaders.CONTENT_LENGTH + ":\\s*(\\d+)")
            .matcher(head.toString(StandardCharsets.US_ASCII));
    assertThat(length.find()).as("a Content-Length in %s", head).isTrue();
    byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
    return new String(body, StandardCharsets.UTF_8);
  }
}
