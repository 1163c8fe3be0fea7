package io.peakhub.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;

/**
 * The gateway's one header writer writes what Spring Security's default writers, configured as the
 * browser chain had them, write: on plain answers, a 304, https, and answers that already carry
 * some of the headers (in any case).
 */
class SecurityHeadersTest {

  private static final String POLICY = BrowserSecurityConfiguration.CONTENT_SECURITY_POLICY;

  /** Spring Security's writers in the order its header spec adds them, configured as before. */
  private static ServerHttpHeadersWriter springSecuritys() {
    var csp = new ContentSecurityPolicyServerHttpHeadersWriter();
    csp.setPolicyDirectives(POLICY);
    var frame = new XFrameOptionsServerHttpHeadersWriter();
    frame.setMode(XFrameOptionsServerHttpHeadersWriter.Mode.SAMEORIGIN);
    var referrer = new ReferrerPolicyServerHttpHeadersWriter();
    referrer.setPolicy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN);
    return new CompositeServerHttpHeadersWriter(
        new CacheControlServerHttpHeadersWriter(),
        new ContentTypeOptionsServerHttpHeadersWriter(),
        new StrictTransportSecurityServerHttpHeadersWriter(),
        frame,
        new XXssProtectionServerHttpHeadersWriter(),
        csp,
        referrer);
  }

  record Case(String name, String url, HttpStatus status, Consumer<HttpHeaders> answer) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("a plain answer", "http://localhost/api/x", HttpStatus.OK, h -> {}),
        new Case("a 304", "http://localhost/index.html", HttpStatus.NOT_MODIFIED, h -> {}),
        new Case("https", "https://hub.example/api/x", HttpStatus.OK, h -> {}),
        new Case(
            "its own Cache-Control",
            "http://localhost/",
            HttpStatus.OK,
            h -> h.set("Cache-Control", "no-cache")),
        new Case(
            "its own Expires, in lower case",
            "http://localhost/",
            HttpStatus.OK,
            h -> h.set("expires", "Thu, 01 Jan 2037 00:00:00 GMT")),
        new Case(
            "its own frame, type, policy and referrer headers",
            "https://hub.example/report.pdf",
            HttpStatus.OK,
            h -> {
              h.set("x-frame-options", "DENY");
              h.set("X-Content-Type-Options", "nosniff");
              h.set("Content-Security-Policy", "sandbox");
              h.set("Referrer-Policy", "no-referrer");
              h.set("X-XSS-Protection", "1");
              h.set("Strict-Transport-Security", "max-age=60");
            }));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void writesWhatSpringSecuritysWritersWrote(Case c) {
    Map<String, List<String>> ours =
        written(new SecurityHeaders(POLICY, "SAMEORIGIN", "same-origin"), c);
    Map<String, List<String>> theirs = written(springSecuritys(), c);
    assertThat(ours).isEqualTo(theirs);
    // and the case is one where something is written or kept: not two empty answers
    assertThat(ours).containsKey("x-frame-options");
  }

  private static Map<String, List<String>> written(ServerHttpHeadersWriter writer, Case c) {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.get(c.url()));
    exchange.getResponse().setStatusCode(c.status());
    c.answer().accept(exchange.getResponse().getHeaders());
    writer.writeHttpHeaders(exchange).block();
    Map<String, List<String>> byName = new TreeMap<>();
    exchange
        .getResponse()
        .getHeaders()
        .forEach((name, values) -> byName.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return byName;
  }
}
