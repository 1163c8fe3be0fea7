package io.peakhub.gateway.security;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security headers on every answer of the gateway (pages, the web app's files, the services'
 * answers through the chains or the read relay): what Spring Security's default header writers
 * write, with the gateway's frame option, Content-Security-Policy and referrer policy. Each group
 * is added only when the answer has none of its headers, the cache headers not on a 304, HSTS only
 * on https: as those writers do ({@code SecurityHeadersTest} compares the two on each case).
 *
 * <p>One writer with its names and values made once: Spring Security 7's writers rebuild
 * case-insensitive sets and maps of their own constant headers on every answer, 8.6% of the
 * gateway's CPU for a relayed read.
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

  /** Headers added together, when the answer has none of them: names and values in turn. */
  private record Group(String... namesAndValues) {

    void addTo(HttpHeaders headers) {
      for (int i = 0; i < namesAndValues.length; i += 2) {
        if (headers.containsHeader(namesAndValues[i])) {
          return;
        }
      }
      for (int i = 0; i < namesAndValues.length; i += 2) {
        headers.set(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
  }

  private static final Group CACHE =
      new Group(
          HttpHeaders.CACHE_CONTROL,
          "no-cache, no-store, max-age=0, must-revalidate",
          HttpHeaders.PRAGMA,
          "no-cache",
          HttpHeaders.EXPIRES,
          "0");
  private static final Group HSTS =
      new Group("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");

  private final List<Group> always;

  /**
   * @param contentSecurityPolicy the Content-Security-Policy's directives
   * @param frameOptions X-Frame-Options ({@code DENY} or {@code SAMEORIGIN})
   * @param referrerPolicy Referrer-Policy
   */
  SecurityHeaders(String contentSecurityPolicy, String frameOptions, String referrerPolicy) {
    this.always =
        List.of(
            new Group("X-Content-Type-Options", "nosniff"),
            new Group("X-Frame-Options", frameOptions),
            new Group("X-XSS-Protection", "0"),
            new Group("Content-Security-Policy", contentSecurityPolicy),
            new Group("Referrer-Policy", referrerPolicy));
  }

  @Override
  public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
    ServerHttpResponse response = exchange.getResponse();
    HttpHeaders headers = response.getHeaders();
    if (response.getStatusCode() != HttpStatus.NOT_MODIFIED) {
      CACHE.addTo(headers);
    }
    String scheme = exchange.getRequest().getURI().getScheme();
    if ("https".equalsIgnoreCase(scheme)) {
      HSTS.addTo(headers);
    }
    for (Group group : always) {
      group.addTo(headers);
    }
    return Mono.empty();
  }
}
