package io.peakhub.gateway;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The web app shows invoice PDFs in an iframe of its own page: whatever portal-bff says about
 * framing, the gateway's rule (same origin only) is what the browser gets.
 */
@SpringBootTest
@Import(BrowserSecurityTest.OfflineKeycloak.class)
@AutoConfigureWebTestClient(
    timeout = "30s") // a loaded 2-core machine can take over the default 5 s
class InvoicePdfFramingTest {

  /** A stand-in portal-bff answering a PDF with Spring Security's default X-Frame-Options: DENY. */
  static final HttpServer BFF = start();

  static HttpServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/api/",
          exchange -> {
            byte[] body = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void bff(DynamicPropertyRegistry registry) {
    registry.add("PORTAL_BFF_URL", () -> "http://127.0.0.1:" + BFF.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    BFF.stop(0);
  }

  @Autowired WebTestClient web;

  @Test
  void anInvoicePdfMayBeFramedByTheHubsOwnPageOnly() {
    web.mutateWith(mockOidcLogin())
        .get()
        .uri("/api/accounts/a/invoices/i/pdf")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PDF)
        .expectHeader()
        .valueEquals("X-Frame-Options", "SAMEORIGIN")
        .expectHeader()
        .valueMatches("Content-Security-Policy", ".*frame-ancestors 'self'.*");
  }
}
