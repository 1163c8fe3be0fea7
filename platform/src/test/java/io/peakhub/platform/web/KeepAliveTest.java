package io.peakhub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.platform.testapp.PlatformTestApplication;
import io.peakhub.platform.testing.TestJwts;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The gateway and portal-bff keep pooled connections to every service: on a real Tomcat, one
 * connection serves far more than Tomcat's default of 100 requests (platform-defaults.properties),
 * where it used to be closed and opened again.
 */
@SpringBootTest(
    classes = PlatformTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = PlatformTestApplication.WITHOUT_DATABASE)
@Import(TestJwts.Decoder.class)
class KeepAliveTest {

  @LocalServerPort int port;

  @Test
  void aKeptAliveConnectionServesMoreThanAHundredRequests() throws Exception {
    byte[] request =
        ("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int i = 1; i <= 250; i++) {
        out.write(request);
        out.flush();
        String head = head(in);
        assertThat(head).as("answer %d", i).startsWith("HTTP/1.1 200");
        assertThat(head.toLowerCase(Locale.ROOT))
            .as("answer %d keeps the connection", i)
            .doesNotContain("connection: close");
        skipBody(in, head);
      }
    }
  }

  /** Status line and headers, up to the blank line. */
  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed after: " + head);
      }
      head.write(b);
      matched =
          (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** The body, by Content-Length or chunked. */
  private static void skipBody(InputStream in, String head) throws IOException {
    String lower = head.toLowerCase(Locale.ROOT);
    for (String line : lower.split("\r\n")) {
      if (line.startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()));
        return;
      }
    }
    assertThat(lower).contains("transfer-encoding: chunked");
    for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
      in.readNBytes(size + 2); // the chunk and its CRLF
    }
    in.readNBytes(2); // the CRLF after the last chunk
  }

  private static int chunkSize(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed inside a chunked body");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return Integer.parseInt(line.toString().trim(), 16);
  }
}
